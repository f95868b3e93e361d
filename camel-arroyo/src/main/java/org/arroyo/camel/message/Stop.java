package org.arroyo.camel.message;

import java.util.Map;

/** A run ended; {@code data} summarises it (number of frames, ...). */
public record Stop(Map<String, Object> data) implements ArroyoMessage {

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
