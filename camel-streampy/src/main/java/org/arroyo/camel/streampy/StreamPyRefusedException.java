package org.arroyo.camel.streampy;

/** A queue node answered a request with an error reply, e.g. a PUT refused because the queue is full. */
public class StreamPyRefusedException extends IllegalStateException {

    public StreamPyRefusedException(String reply) {
        super("queue node replied: " + reply);
    }
}
