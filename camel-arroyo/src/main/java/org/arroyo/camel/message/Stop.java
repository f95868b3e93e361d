package org.arroyo.camel.message;

import java.util.Map;

import org.arroyo.camel.message.internal.Values;

/** A run ended; {@code data} summarises it (number of frames, ...). */
public record Stop(Map<String, Object> data) implements ArroyoMessage {

    /**
     * Copies {@code data} (any map; null for none) in its iteration order, freezing its values (see the package
     * description).
     */
    public Stop {
        data = Values.freeze(data);
    }

    @Override
    public MessageType type() {
        return MessageType.STOP;
    }

    @Override
    public String toString() {
        return "Stop" + Values.describe(data);
    }
}
