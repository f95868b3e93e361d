package org.arroyo.camel.broker.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.arroyo.test.infra.RedisBroker;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.Jedis;

import org.awaitility.Awaitility;

/** A plain Jedis subscriber on one channel, outside Camel, keeping what arrives in order. */
final class RedisChannelReader implements AutoCloseable {

    private final List<byte[]> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final BinaryJedisPubSub subscription = new BinaryJedisPubSub() {
        @Override
        public void onSubscribe(byte[] channel, int count) {
            subscribed.countDown();
        }

        @Override
        public void onMessage(byte[] channel, byte[] message) {
            received.add(message);
        }
    };
    private final Thread thread;

    RedisChannelReader(RedisBroker redis, String channel) throws InterruptedException {
        thread = new Thread(() -> {
            try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
                jedis.subscribe(subscription, channel.getBytes(StandardCharsets.UTF_8));
            }
        }, "reader of " + channel);
        thread.start();
        if (!subscribed.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("could not subscribe to " + channel);
        }
    }

    /** What arrived once {@code count} messages did. */
    List<byte[]> awaitMessages(int count, Duration timeout) {
        Awaitility.await().atMost(timeout).until(() -> received.size() >= count);
        return List.copyOf(received);
    }

    @Override
    public void close() throws InterruptedException {
        subscription.unsubscribe();
        thread.join(10_000);
    }
}
