package org.arroyo.camel.zeromq;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.zeromq.SocketType;

/**
 * The ZeroMQ socket types this component offers, which side of a route each can be used on, and whether it binds
 * when the {@code bind} option is not given: the types that are usually the stable end of a pattern (PUB, XPUB, REP,
 * ROUTER) bind, all others connect.
 */
public enum ZeroMqSocketType {

    PUB(SocketType.PUB, false, true, true),
    XPUB(SocketType.XPUB, false, true, true),
    SUB(SocketType.SUB, true, false, false),
    XSUB(SocketType.XSUB, true, false, false),
    PUSH(SocketType.PUSH, false, true, false),
    PULL(SocketType.PULL, true, false, false),
    PAIR(SocketType.PAIR, true, true, false),
    REQ(SocketType.REQ, false, true, false),
    REP(SocketType.REP, true, false, true),
    DEALER(SocketType.DEALER, true, true, false),
    ROUTER(SocketType.ROUTER, true, true, true);

    private final SocketType jeromqType;
    private final boolean consumer;
    private final boolean producer;
    private final boolean bindByDefault;

    ZeroMqSocketType(SocketType jeromqType, boolean consumer, boolean producer, boolean bindByDefault) {
        this.jeromqType = jeromqType;
        this.consumer = consumer;
        this.producer = producer;
        this.bindByDefault = bindByDefault;
    }

    public SocketType jeromqType() {
        return jeromqType;
    }

    public boolean isConsumer() {
        return consumer;
    }

    public boolean isProducer() {
        return producer;
    }

    public boolean isBindByDefault() {
        return bindByDefault;
    }

    /** A consumer of this type can send the route's result back to the sender (always for REP, on InOut for others). */
    public boolean canReply() {
        return this == REP || this == ROUTER || this == DEALER || this == PAIR;
    }

    /** A producer of this type can wait for a reply (always for REQ, on InOut for others). */
    public boolean canAwaitReply() {
        return this == REQ || this == DEALER || this == PAIR;
    }

    /** REQ and REP follow a strict send/receive lockstep: every exchange is request-reply. */
    public boolean isLockstep() {
        return this == REQ || this == REP;
    }

    public boolean isPublisher() {
        return this == PUB || this == XPUB;
    }

    public boolean isSubscriber() {
        return this == SUB || this == XSUB;
    }

    /** Parses a socket type name, ignoring case, naming the option and the valid types when it is unknown. */
    public static ZeroMqSocketType parse(String name) {
        for (ZeroMqSocketType type : values()) {
            if (type.name().equals(name.toUpperCase(Locale.ROOT))) {
                return type;
            }
        }
        throw new IllegalArgumentException(
                "Unknown socketType '" + name + "': use one of " + names(type -> true));
    }

    static String names(Predicate<ZeroMqSocketType> filter) {
        return Arrays.stream(values()).filter(filter).map(Enum::name).collect(Collectors.joining(", "));
    }
}
