package org.arroyo.camel.streampy;

import java.util.Locale;

/** What a {@code streampy} endpoint talks to. */
public enum StreamPyKind {
    /** a queue node: the consumer GETs, the producer PUTs */
    QUEUE,
    /** a socket taking raw datagrams of the text, as stream-py's sinks and metrics receivers (producer only) */
    SOCKET;

    /** @throws IllegalArgumentException naming the kinds when the name is neither */
    public static StreamPyKind fromName(String name) {
        for (StreamPyKind kind : values()) {
            if (kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("streampy endpoint kind must be queue or socket, got '" + name + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
