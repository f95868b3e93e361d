package org.arroyo.camel.broker.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.test.Deliveries;
import org.arroyo.test.infra.RedisBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis killed and started again under a Redis pub/sub pipeline while a sender publishes: the
 * pipeline subscribes again by itself, and what was published while it had not (PUBLISH answered
 * 0 receivers) is lost, as pub/sub loses by design.
 */
class RedisPubSubRestartTest {

    @RegisterExtension
    static final RedisBroker REDIS = RedisBroker.ownServer();

    /** More than the sender needs: it publishes until the pipeline has heard 200 messages after the restart. */
    private static final int EVENTS = 20_000;

    @Test
    void aPipelineSubscribesAgainByItselfAfterRedisRestartsAndWhatWasPublishedMeanwhileIsLost() throws Exception {
        List<byte[]> sent = Deliveries.run("redis-pubsub-restart", EVENTS);
        List<byte[]> received = new CopyOnWriteArrayList<>();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("restart").listen("spring-redis://" + REDIS.address() + "?command=SUBSCRIBE&channels=frames")
                        .publish("direct:reduced");
                from("direct:reduced").process(exchange -> received.add(exchange.getMessage().getBody(byte[].class)));
            }
        });

        try {
            context.start();
            List<Integer> unheard = new CopyOnWriteArrayList<>();
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicInteger published = new AtomicInteger();
            Thread sender = new Thread(() -> publishEvery2ms(sent, unheard, sending, published), "pub/sub sender");
            awaitSubscribed();
            sender.start();
            await("1000 messages received").atMost(Duration.ofSeconds(60)).until(() -> received.size() >= 1000);
            REDIS.kill();
            REDIS.restart();
            long back = System.nanoTime();
            int receivedAtRestart = received.size();
            await("receiving again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> received.size() > receivedAtRestart);
            long resumeMillis = (System.nanoTime() - back) / 1_000_000;
            await("200 more received").atMost(Duration.ofSeconds(30)).until(() -> received.size() > receivedAtRestart + 200);
            sending.set(false);
            sender.join(30_000);
            AtomicLong lastCount = new AtomicLong(-1);
            await("the pipeline idle").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> lastCount.getAndSet(received.size()) == received.size());

            Deliveries deliveries = Deliveries.of(sent.subList(0, published.get()), received);
            System.out.printf("Redis pub/sub, Redis restarted: receiving again %d ms later; %d messages published to no subscriber "
                    + "while the pipeline subscribed again; %s%n", resumeMillis, unheard.size(), deliveries);
            assertThat(unheard).as("published while the pipeline had not subscribed again: lost by design").isNotEmpty();
            assertThat(deliveries.lost()).containsAll(unheard);
            // beside those, only what Redis held for the subscriber when it was killed can be missing
            assertThat(deliveries.lost()).allMatch(i -> unheard.contains(i) || i < unheard.get(0));
            // a PUBLISH sent again after its connection broke may have reached the subscriber the first time too
            assertThat(deliveries.duplicates()).isLessThanOrEqualTo(1);
        } finally {
            context.stop();
        }
    }

    private static void awaitSubscribed() {
        await("the pipeline subscribed").atMost(Duration.ofSeconds(30)).until(() -> {
            try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
                return jedis.pubsubNumSub("frames").get("frames") > 0;
            }
        });
    }

    /**
     * PUBLISHes the messages in order, one every 2 ms, each again and again while Redis is away, until {@code sending}
     * is cleared; counts them and keeps the positions of those no subscriber heard.
     */
    private static void publishEvery2ms(List<byte[]> messages, List<Integer> unheard, AtomicBoolean sending, AtomicInteger published) {
        Jedis jedis = new Jedis(REDIS.host(), REDIS.port());
        for (int i = 0; i < messages.size() && sending.get(); i++) {
            while (true) {
                try {
                    if (jedis.publish("frames".getBytes(UTF_8), messages.get(i)) == 0) {
                        unheard.add(i);
                    }
                    published.incrementAndGet();
                    break;
                } catch (JedisConnectionException e) {
                    jedis.close();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                    jedis = new Jedis(REDIS.host(), REDIS.port());
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        jedis.close();
    }
}
