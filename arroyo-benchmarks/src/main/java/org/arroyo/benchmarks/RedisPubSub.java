package org.arroyo.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Redis pub/sub through Jedis. Pub/sub has no flow control and keeps nothing: a message published while nobody
 * subscribes is gone, and Redis disconnects a subscriber that falls too far behind (client-output-buffer-limit pubsub),
 * or, with camel-spring-redis, the pipeline's listener queues what its route has not taken, without limit. So the
 * source waits for the stage and the sink to subscribe before its first message, and counts what arrives on the
 * downstream channel with a subscription of its own, to stay at most a {@link Backlog} ahead of the stage.
 */
final class RedisPubSub implements BrokerClient {

    private static final Duration SUBSCRIBER_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String unavailable(BrokerAddress server) {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            jedis.ping();
            return null;
        } catch (JedisException e) {
            return "Redis does not answer on " + server.hostPort() + ": " + e.getMessage();
        }
    }

    @Override
    public void create(List<BrokerAddress> destinations) {
        // channels exist while someone subscribes
    }

    @Override
    public void delete(List<BrokerAddress> destinations) {
        // nothing stays behind
    }

    @Override
    public Outbox publisher(BrokerAddress to, BrokerAddress downstream) throws InterruptedException {
        AtomicLong arrived = new AtomicLong();
        Subscription arrivals = downstream == null ? null : new Subscription(downstream, message -> arrived.incrementAndGet());
        Backlog backlog = new Backlog(sent -> arrivals == null ? 0 : sent - arrived.get());
        Jedis jedis = new Jedis(to.host(), to.port());
        awaitSubscribers(jedis, to, 1);
        if (downstream != null) {
            awaitSubscribers(jedis, downstream, 2); // the sink and the count above
        }
        byte[] channel = bytes(to.name());
        return new Outbox() {
            @Override
            public void send(byte[] message) throws Exception {
                backlog.beforeSend();
                jedis.publish(channel, message);
            }

            @Override
            public void awaitDrained() throws Exception {
                backlog.awaitEmpty();
            }

            @Override
            public void close() throws InterruptedException {
                jedis.close();
                if (arrivals != null) {
                    arrivals.close();
                }
            }
        };
    }

    @Override
    public Inbox subscriber(BrokerAddress from, Duration idleTimeout) throws InterruptedException {
        Handoff inbox = new Handoff(idleTimeout);
        return inbox.fedBy(new Subscription(from, inbox::put));
    }

    @Override
    public Stage.Running relay(BrokerAddress in, BrokerAddress out) throws InterruptedException {
        Jedis publisher = new Jedis(out.host(), out.port());
        byte[] channel = bytes(out.name());
        Subscription subscription = new Subscription(in, message -> publisher.publish(channel, message));
        return () -> {
            subscription.close();
            publisher.close();
        };
    }

    @Override
    public String listenUri(BrokerAddress in) {
        return "spring-redis://" + in.hostPort() + "?command=SUBSCRIBE&channels=" + in.name();
    }

    @Override
    public String publishUri(BrokerAddress out) {
        return "spring-redis://" + out.hostPort() + "?command=PUBLISH&channels=" + out.name();
    }

    private static void awaitSubscribers(Jedis jedis, BrokerAddress channel, long count) throws InterruptedException {
        long deadline = System.nanoTime() + SUBSCRIBER_TIMEOUT.toNanos();
        while (jedis.pubsubNumSub(channel.name()).getOrDefault(channel.name(), 0L) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("fewer than " + count + " subscribed to Redis channel " + channel + " within "
                                                + SUBSCRIBER_TIMEOUT);
            }
            Thread.sleep(10);
        }
    }

    private static byte[] bytes(String channel) {
        return channel.getBytes(StandardCharsets.UTF_8);
    }

    /** A subscription to one channel, its messages delivered on a thread of its own until closed. */
    private static final class Subscription implements AutoCloseable {

        private final Jedis jedis;
        private final BinaryJedisPubSub pubSub;
        private final Thread thread;
        private volatile boolean closing;

        Subscription(BrokerAddress from, Consumer<byte[]> onMessage) throws InterruptedException {
            CountDownLatch subscribed = new CountDownLatch(1);
            jedis = new Jedis(from.host(), from.port());
            pubSub = new BinaryJedisPubSub() {
                @Override
                public void onSubscribe(byte[] channel, int subscribedChannels) {
                    subscribed.countDown();
                }

                @Override
                public void onMessage(byte[] channel, byte[] message) {
                    onMessage.accept(message);
                }
            };
            thread = new Thread(() -> listen(from), "redis-subscription-" + from.name());
            thread.start();
            if (!subscribed.await(SUBSCRIBER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("could not subscribe to " + from + " within " + SUBSCRIBER_TIMEOUT);
            }
        }

        private void listen(BrokerAddress from) {
            try {
                jedis.subscribe(pubSub, bytes(from.name()));
            } catch (JedisException e) {
                if (!closing) {
                    // what follows is lost, and shows as loss at the sink
                    System.err.println("Redis ended the subscription to " + from + " (Redis disconnects a subscriber that"
                                       + " falls behind): " + e);
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            closing = true;
            if (pubSub.isSubscribed()) {
                pubSub.unsubscribe();
            }
            thread.join();
            jedis.close();
        }
    }
}
