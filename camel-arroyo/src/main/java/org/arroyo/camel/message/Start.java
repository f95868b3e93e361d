package org.arroyo.camel.message;

import java.util.Map;

/** A run begins; {@code data} describes it (geometry, run id, data type, ...). */
public record Start(Map<String, Object> data) implements ArroyoMessage {

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
