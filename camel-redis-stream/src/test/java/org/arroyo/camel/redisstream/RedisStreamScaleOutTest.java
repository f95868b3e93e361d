package org.arroyo.camel.redisstream;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.arroyo.test.Deliveries;
import org.arroyo.test.PipelineProcess;
import org.arroyo.test.infra.ChildJvm;
import org.arroyo.test.infra.RedisBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out on Redis Streams (docs/deployment.md): two pipeline processes read one stream in one consumer group, each
 * under its own consumer name, and publish to streams of their own, so that the test sees who processed what.
 */
class RedisStreamScaleOutTest {

    @RegisterExtension
    static final RedisBroker REDIS = new RedisBroker();

    private static final int EVENTS = 600;

    @Test
    void twoPipelinesInOneGroupShareTheStreamAndProcessEachEntryOnce() throws Exception {
        String in = "arroyo-test-" + UUID.randomUUID() + ".frames";
        String outFirst = "arroyo-test-" + UUID.randomUUID() + ".reduced-1";
        String outSecond = "arroyo-test-" + UUID.randomUUID() + ".reduced-2";
        String address = "?host=" + REDIS.host() + "&port=" + REDIS.port();
        List<byte[]> sent = Deliveries.run("redis-stream-scale-out", EVENTS);

        try (StreamClient redis = new StreamClient(REDIS);
                ChildJvm first = start("redis-stream:" + in + address + "&group=scale&consumerName=worker-1", "redis-stream:" + outFirst + address);
                ChildJvm second = start("redis-stream:" + in + address + "&group=scale&consumerName=worker-2", "redis-stream:" + outSecond + address)) {
            first.awaitOutput(PipelineProcess.STARTED, Duration.ofSeconds(60));
            second.awaitOutput(PipelineProcess.STARTED, Duration.ofSeconds(60));

            redis.add(in, sent);
            await("every entry published and acknowledged").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> redis.length(outFirst) + redis.length(outSecond) >= sent.size() && redis.pending(in, "scale") == 0);
            List<byte[]> byFirst = redis.read(outFirst);
            List<byte[]> bySecond = redis.read(outSecond);

            Deliveries deliveries = Deliveries.of(sent, Stream.concat(byFirst.stream(), bySecond.stream()).toList());
            System.out.printf("Redis Streams scale-out: %d entries, %d by the first pipeline, %d by the second; %s%n",
                    sent.size(), byFirst.size(), bySecond.size(), deliveries);
            assertThat(deliveries.lost()).isEmpty();
            assertThat(deliveries.duplicates()).isZero();
            assertThat(byFirst).hasSizeGreaterThan(sent.size() / 4);
            assertThat(bySecond).hasSizeGreaterThan(sent.size() / 4);
            redis.delete(in, outFirst, outSecond);
        }
    }

    private static ChildJvm start(String listener, String publisher) {
        return ChildJvm.start("redis-stream-scale-out", PipelineProcess.class, List.of(), listener, publisher, "2");
    }
}
