package org.arroyo.camel.streampy.metrics;

import java.util.List;

/** Takes a node's measurements as they happen: messages coming in, and messages done with how long they took. */
public interface MessageMeter {

    /** A message came in. */
    void received();

    /** A message was done with (processed, or handed out by a queue) after {@code elapsedNanos}. */
    void completed(long elapsedNanos);

    /** Both meters take every measurement. */
    static MessageMeter all(List<MessageMeter> meters) {
        List<MessageMeter> copy = List.copyOf(meters);
        return new MessageMeter() {
            @Override
            public void received() {
                copy.forEach(MessageMeter::received);
            }

            @Override
            public void completed(long elapsedNanos) {
                copy.forEach(meter -> meter.completed(elapsedNanos));
            }
        };
    }
}
