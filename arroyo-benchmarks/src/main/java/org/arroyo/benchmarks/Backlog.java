package org.arroyo.benchmarks;

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
            while (count.waiting(sent) >= LIMIT) {
                Thread.sleep(RECHECK_MILLIS);
            }
        }
        sent++;
    }
}
