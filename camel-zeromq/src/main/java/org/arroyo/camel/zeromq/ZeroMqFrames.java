package org.arroyo.camel.zeromq;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.TypeConverter;
import org.zeromq.ZMQ;

/**
 * How Camel messages map to ZeroMQ frames. A single frame is a {@code byte[]} body, a multipart message a
 * {@code List<byte[]>} body; a body that is any Collection is sent as one frame per element, each converted to
 * {@code byte[]} by Camel's type converters, like a single-frame body. The topic (PUB/SUB) and the routing id
 * (ROUTER) are frames on the wire and headers in Camel.
 */
final class ZeroMqFrames {

    private ZeroMqFrames() {
    }

    /** Receives one whole message, waiting up to the socket's receive timeout; null when none came. */
    static List<byte[]> receive(ZMQ.Socket socket, int flags) {
        byte[] first = socket.recv(flags);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    /**
     * Queues the frames as one message, waiting up to the socket's send timeout for room; false when there was none.
     * ZeroMQ accepts the frames after the first without waiting, so a message is never sent in part.
     */
    static boolean send(ZMQ.Socket socket, List<byte[]> frames) {
        int last = frames.size() - 1;
        for (int i = 0; i <= last; i++) {
            if (!socket.send(frames.get(i), i < last ? ZMQ.SNDMORE : 0)) {
                return false;
            }
        }
        return true;
    }

    /** The frames a producer of this type sends for the exchange: envelope frames from headers, then the body. */
    static List<byte[]> outgoing(Exchange exchange, ZeroMqSocketType type) throws Exception {
        Message message = exchange.getMessage();
        List<byte[]> frames = new ArrayList<>();
        if (type == ZeroMqSocketType.ROUTER) {
            Object identity = message.getHeader(ZeroMqConstants.IDENTITY);
            if (identity == null) {
                throw new IllegalArgumentException("A ROUTER producer needs the header " + ZeroMqConstants.IDENTITY
                                                   + " naming the peer to send to");
            }
            frames.add(toFrame(exchange, identity, ZeroMqConstants.IDENTITY));
        } else if (type.isPublisher() && message.getHeader(ZeroMqConstants.TOPIC) != null) {
            frames.add(toFrame(exchange, message.getHeader(ZeroMqConstants.TOPIC), ZeroMqConstants.TOPIC));
        }
        frames.addAll(bodyFrames(exchange));
        return frames;
    }

    /** The body of the exchange's message as frames. */
    static List<byte[]> bodyFrames(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        if (!(body instanceof Collection<?> parts)) {
            return List.of(exchange.getMessage().getMandatoryBody(byte[].class));
        }
        if (parts.isEmpty()) {
            throw new InvalidPayloadException(exchange, byte[].class, exchange.getMessage(),
                    new IllegalArgumentException("a multipart body needs at least one frame, the collection is empty"));
        }
        List<byte[]> frames = new ArrayList<>(parts.size());
        for (Object part : parts) {
            frames.add(toFrame(exchange, part, "frame " + frames.size() + " of the multipart body"));
        }
        return frames;
    }

    private static byte[] toFrame(Exchange exchange, Object value, String what) throws Exception {
        if (value == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        TypeConverter converter = exchange.getContext().getTypeConverter();
        try {
            return converter.mandatoryConvertTo(byte[].class, exchange, value);
        } catch (NoTypeConversionAvailableException e) {
            throw new IllegalArgumentException(what + " of type " + value.getClass().getName()
                                               + " cannot be converted to byte[]",
                    e);
        }
    }

    /**
     * Fills a consumed message from the received frames: the routing id (ROUTER) and, with topicFrame, the topic
     * (SUB/XSUB) go to headers, the rest is the body.
     */
    static void populate(Message message, List<byte[]> received, ZeroMqConfiguration configuration) {
        ZeroMqSocketType type = configuration.getSocketType();
        List<byte[]> frames = received;
        if (type == ZeroMqSocketType.ROUTER) {
            message.setHeader(ZeroMqConstants.IDENTITY, frames.get(0));
            frames = frames.subList(1, frames.size());
        } else if (configuration.isTopicFrame()) {
            if (frames.size() < 2) {
                throw new ZeroMqMalformedMessageException("topicFrame=true expects a topic frame followed by at least"
                                                          + " one data frame, but the message has 1 frame", frames);
            }
            message.setHeader(ZeroMqConstants.TOPIC, new String(frames.get(0), StandardCharsets.UTF_8));
            frames = frames.subList(1, frames.size());
        }
        message.setBody(toBody(frames));
    }

    /** One frame becomes a byte[] body, several a List<byte[]>. */
    static Object toBody(List<byte[]> frames) {
        return frames.size() == 1 ? frames.get(0) : List.copyOf(frames);
    }
}
