package org.arroyo.camel.message;

import java.util.Locale;

/** The three kinds of Arroyo message, spelled on the wire as in {@code msg_type}. */
public enum MessageType {
    START,
    EVENT,
    STOP;

    private static final MessageType[] ALL = values();

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The wire spelling: {@code start}, {@code event} or {@code stop}. */
    public String wireName() {
        return wireName;
    }

    /** The type named by a {@code msg_type} value, or {@code null} when it names none. */
    public static MessageType fromWireName(String name) {
        for (MessageType type : ALL) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
