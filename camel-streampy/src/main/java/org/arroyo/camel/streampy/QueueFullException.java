package org.arroyo.camel.streampy;

/** A PUT refused because the queue holds as many messages as its capacity allows. */
public class QueueFullException extends IllegalStateException {

    public QueueFullException(int capacity) {
        super("queue is full (capacity " + capacity + " messages); PUT refused, retry after a GET");
    }
}
