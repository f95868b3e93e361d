package org.arroyo.benchmarks;

import java.time.Duration;

/**
 * Holds a source back while too many of its messages wait at the broker for the next stage. Brokers queue without
 * limit, so a source that runs freely would leave a backlog that takes a slow stage far longer than the run to work
 * off; with about {@value #LIMIT} waiting, the stage always has work (it takes at most a poll of 500 Kafka records, or
 * 250 prefetched RabbitMQ messages, at once) and a run ends soon after the source stops.
 */
final class Backlog {

    static final int LIMIT = 500;
    private static final int CHECK_EVERY = 100;
    private static final long RECHECK_MILLIS = 1;
    /** Longer than any pause of a working stage: after this, the stage stopped, or messages were lost. */
    private static final Duration STUCK = Duration.ofSeconds(30);

    /** How many messages wait for the next stage, given how many the source has sent. */
    interface Count {
        long waiting(long sent) throws Exception;
    }

    private final Count count;
    private long sent;

    Backlog(Count count) {
        this.count = count;
    }

    void beforeSend() throws Exception {
        if (sent % CHECK_EVERY == 0) {
            long since = System.nanoTime();
            for (long waiting = count.waiting(sent), last = waiting; waiting >= LIMIT; waiting = count.waiting(sent)) {
                if (waiting != last) {
                    last = waiting;
                    since = System.nanoTime();
                } else if (System.nanoTime() - since > STUCK.toNanos()) {
                    throw new IllegalStateException(waiting + " messages have waited for the next stage for " + STUCK
                                                    + ": it stopped, or lost them");
                }
                Thread.sleep(RECHECK_MILLIS);
            }
        }
        sent++;
    }
}
