package org.arroyo.camel.message;

/**
 * One Arroyo message: a run begins ({@link Start}), carries data ({@link Event}), ends ({@link Stop}).
 * Messages are immutable; their maps keep the order in which the sender wrote the keys.
 */
public sealed interface ArroyoMessage permits Start, Event, Stop {

    MessageType type();
}
