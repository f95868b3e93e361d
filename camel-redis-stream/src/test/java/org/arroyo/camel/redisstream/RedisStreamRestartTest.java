package org.arroyo.camel.redisstream;

import java.time.Duration;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.test.Deliveries;
import org.arroyo.test.TestOperators;
import org.arroyo.test.infra.RedisBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis killed with SIGKILL and started again (append-only file on) under a running Redis Streams
 * pipeline: the pipeline reconnects by itself and every entry comes out.
 */
class RedisStreamRestartTest {

    @RegisterExtension
    static final RedisBroker REDIS = RedisBroker.ownServer();

    private static final int EVENTS = 1200;

    @Test
    void aPipelineResumesByItselfAfterRedisIsKilledAndRestartedAndLosesNothing() throws Exception {
        String address = "?host=" + REDIS.host() + "&port=" + REDIS.port();
        List<byte[]> sent = Deliveries.run("redis-stream-restart", EVENTS);
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("restart").listen("redis-stream:frames" + address + "&group=restart&consumerName=restart-1")
                        .operator(TestOperators.working(Duration.ofMillis(2))).publish("redis-stream:reduced" + address);
            }
        });

        try (StreamClient redis = new StreamClient(REDIS)) {
            redis.add("frames", sent);
            context.start();
            await("a third of the run published").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> redis.length("reduced") >= EVENTS / 3);
            REDIS.kill();
            REDIS.restart();
            long back = System.nanoTime();
            long publishedAtRestart = redis.length("reduced");
            await("publishing again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> redis.length("reduced") > publishedAtRestart);
            long resumeMillis = (System.nanoTime() - back) / 1_000_000;
            await("the run acknowledged to its end").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> redis.length("reduced") >= sent.size() && redis.pending("frames", "restart") == 0);

            Deliveries deliveries = Deliveries.of(sent, redis.read("reduced"));
            System.out.printf("Redis Streams, Redis restarted: %d entries published when it came back, publishing again %d ms later; %s%n",
                    publishedAtRestart, resumeMillis, deliveries);
            assertThat(publishedAtRestart).as("restarted mid-run").isLessThan(sent.size());
            assertThat(deliveries.lost()).isEmpty();
        } finally {
            context.stop();
        }
    }
}
