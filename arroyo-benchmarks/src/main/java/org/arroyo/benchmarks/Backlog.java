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
    /** A drain that does not move for this long is over: what still waits was lost. */
    private static final Duration SETTLED = Duration.ofSeconds(1);

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
        if (sent % CHECK_EVERY == 0 && !awaitBelow(LIMIT, STUCK)) {
            throw new IllegalStateException(LIMIT + " or more messages have waited for the next stage for " + STUCK
                                            + ": it stopped, or lost them");
        }
        sent++;
    }

    /**
     * Returns when nothing the source sent waits for the next stage any more (before a paced run), or when what waits
     * has not changed for {@link #SETTLED}: messages Redis pub/sub lost never arrive.
     */
    void awaitEmpty() throws Exception {
        awaitBelow(1, SETTLED);
    }

    /** Waits until fewer than {@code limit} wait (true), or until their count did not change for {@code patience}. */
    private boolean awaitBelow(long limit, Duration patience) throws Exception {
        long since = System.nanoTime();
        for (long waiting = count.waiting(sent), last = waiting; waiting >= limit; waiting = count.waiting(sent)) {
            if (waiting != last) {
                last = waiting;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > patience.toNanos()) {
                return false;
            }
            Thread.sleep(RECHECK_MILLIS);
        }
        return true;
    }
}
