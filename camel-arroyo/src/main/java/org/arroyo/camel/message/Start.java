package org.arroyo.camel.message;

import java.util.Map;

import org.arroyo.camel.message.internal.Values;

/** A run begins; {@code data} describes it (geometry, run id, data type, ...). */
public record Start(Map<String, Object> data) implements ArroyoMessage {

    /**
     * Copies {@code data} (any map; null for none) in its iteration order, freezing its values (see the package
     * description).
     */
    public Start {
        data = Values.freeze(data);
    }

    @Override
    public MessageType type() {
        return MessageType.START;
    }

    @Override
    public String toString() {
        return "Start" + Values.describe(data);
    }
}
