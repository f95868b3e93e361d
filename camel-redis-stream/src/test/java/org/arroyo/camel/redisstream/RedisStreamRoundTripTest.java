package org.arroyo.camel.redisstream;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.test.Deliveries;
import org.arroyo.test.TestOperators;
import org.arroyo.test.infra.RedisBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The round trips of a Redis Streams pipeline, counted by a Redis of its own (no other client) as the socket reads it
 * processed ({@code total_reads_processed}): a command waited for is one read, commands sent together are one.
 */
class RedisStreamRoundTripTest {

    @RegisterExtension
    static final RedisBroker REDIS = RedisBroker.ownServer();

    private static final int EVENTS = 300;
    private static final int BATCH = 10;
    private static final byte[] FRAMES = "frames".getBytes(UTF_8);
    private static final byte[] REDUCED = "reduced".getBytes(UTF_8);

    @Test
    void theXaddsOfAReadGoToRedisTogetherSoAReadTakesThreeRoundTripsNotTwelve() throws Exception {
        List<byte[]> sent = Deliveries.run("redis-stream-round-trips", EVENTS);
        String address = "?host=" + REDIS.host() + "&port=" + REDIS.port();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("round-trips").listen("redis-stream:frames" + address + "&group=trips&consumerName=trips-1&batchSize=" + BATCH)
                        .operator(TestOperators.counting(new AtomicInteger())).publish("redis-stream:reduced" + address);
            }
        });
        JedisConnectionFactory factory = new JedisConnectionFactory(new RedisStandaloneConfiguration(REDIS.host(), REDIS.port()));
        factory.afterPropertiesSet();
        try (StreamClient redis = new StreamClient(REDIS); RedisConnection connection = factory.getConnection()) {
            redis.add("frames", sent);
            // the commands of this test while the pipeline runs, each one read of Redis's, the last INFO included
            AtomicInteger ownCommands = new AtomicInteger(1);
            long readsBefore = readsProcessed(connection);

            context.start();
            await("the run acknowledged to its end").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                ownCommands.incrementAndGet();
                if (connection.streamCommands().xLen(REDUCED) < sent.size()) {
                    return false;
                }
                ownCommands.incrementAndGet();
                return connection.streamCommands().xPending(FRAMES, "trips").getTotalPendingMessages() == 0;
            });
            long pipelineReads = readsProcessed(connection) - readsBefore - ownCommands.get();
            context.stop();

            int reads = (sent.size() + BATCH - 1) / BATCH;
            System.out.printf("Redis Streams round trips: %d entries in %d reads of %d took %d socket reads of Redis's%n",
                    sent.size(), reads, BATCH, pipelineReads);
            assertThat(redis.read("reduced")).usingElementComparator(Arrays::compare).containsExactlyElementsOf(sent);
            // waiting for each XADD would take at least one read per entry, plus the XREADGROUP and the XACK of each read
            assertThat(pipelineReads).isLessThan(sent.size() / 2);
        } finally {
            context.stop();
            factory.destroy();
        }
    }

    private static long readsProcessed(RedisConnection connection) {
        return Long.parseLong(connection.serverCommands().info("stats").getProperty("total_reads_processed"));
    }
}
