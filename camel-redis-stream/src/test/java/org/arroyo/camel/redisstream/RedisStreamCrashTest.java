package org.arroyo.camel.redisstream;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.arroyo.test.Deliveries;
import org.arroyo.test.PipelineProcess;
import org.arroyo.test.infra.ChildJvm;
import org.arroyo.test.infra.RedisBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Redis Streams pipeline killed with SIGKILL in the middle of a run and started again under the
 * same consumer name: it reads its pending entries first, loses nothing, and repeats only an entry
 * published but not yet acknowledged.
 */
class RedisStreamCrashTest {

    @RegisterExtension
    static final RedisBroker REDIS = new RedisBroker();

    private static final int EVENTS = 1500;
    /** The listener's batchSize: the most entries it holds read and not acknowledged. */
    private static final int BATCH = 10;

    @Test
    void aPipelineKilledMidRunLosesNothingAndRepeatsAtMostTheEntriesItHeldUnacknowledged() throws Exception {
        String in = "arroyo-test-" + UUID.randomUUID() + ".frames";
        String out = "arroyo-test-" + UUID.randomUUID() + ".reduced";
        String address = "?host=" + REDIS.host() + "&port=" + REDIS.port();
        String listener = "redis-stream:" + in + address + "&group=crash&consumerName=crash-1&batchSize=" + BATCH;
        String publisher = "redis-stream:" + out + address;
        List<byte[]> sent = Deliveries.run("redis-stream-crash", EVENTS);

        try (StreamClient redis = new StreamClient(REDIS)) {
            redis.add(in, sent);
            long publishedAtKill;
            try (ChildJvm pipeline = ChildJvm.start("redis-stream-crash", PipelineProcess.class, List.of(), listener, publisher, "2")) {
                pipeline.awaitOutput(PipelineProcess.STARTED, Duration.ofSeconds(60));
                await("a third of the run published").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> redis.length(out) >= EVENTS / 3);
                pipeline.kill();
                publishedAtKill = redis.length(out);
            }
            long pendingAtKill = redis.pending(in, "crash");
            assertThat(publishedAtKill).as("killed mid-run").isLessThan(sent.size());
            assertThat(pendingAtKill).isBetween(1L, (long) BATCH);

            try (ChildJvm pipeline = ChildJvm.start("redis-stream-crash", PipelineProcess.class, List.of(), listener, publisher, "2")) {
                pipeline.awaitOutput(PipelineProcess.STARTED, Duration.ofSeconds(60));
                await("the run acknowledged to its end").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(() -> redis.length(out) >= sent.size() && redis.pending(in, "crash") == 0);
            }

            Deliveries deliveries = Deliveries.of(sent, redis.read(out));
            System.out.printf("Redis Streams crash: killed with %d entries published, %d pending; after the restart %s%n",
                    publishedAtKill, pendingAtKill, deliveries);
            assertThat(deliveries.lost()).isEmpty();
            assertThat(deliveries.duplicates()).isLessThanOrEqualTo(BATCH);
            redis.delete(in, out);
        }
    }
}
