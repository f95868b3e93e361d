package org.arroyo.benchmarks;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The inbox of a client that delivers messages on a thread of its own (Jedis, amqp-client): that thread hands each
 * message over here, and waits when the sink is {@value #CAPACITY} messages behind, as a slow consumer would.
 */
final class Handoff implements Inbox {

    private static final int CAPACITY = 10_000;

    private final BlockingQueue<byte[]> messages = new ArrayBlockingQueue<>(CAPACITY);
    private final Duration idleTimeout;
    private AutoCloseable subscription;

    Handoff(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    /** Called by the client's thread. */
    void put(byte[] message) {
        try {
            messages.put(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing a message to the sink", e);
        }
    }

    /** This inbox, closing the subscription that feeds it when closed. */
    Handoff fedBy(AutoCloseable feeding) {
        this.subscription = feeding;
        return this;
    }

    @Override
    public byte[] next() throws InterruptedException {
        return messages.poll(idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
    }
}
