package org.arroyo.camel.convert;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Converter;
import org.apache.camel.Exchange;
import org.apache.camel.TypeConverter;
import org.apache.camel.spi.TypeConverterRegistry;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.operator.Batch;

/**
 * Makes Arroyo messages ordinary Camel bodies. Bytes ({@code byte[]}, {@code ByteBuffer},
 * {@code InputStream}, a {@code File}'s content) are the msgpack (arroyosas) convention, a {@code String} is the JSON
 * convention, a {@code List} of frames is the multipart (timepix) convention. Converting a body to
 * a message sets the {@value ArroyoConstants#MESSAGE_TYPE} header so routes can {@code choice()} on it.
 */
@Converter(generateLoader = true)
public final class ArroyoConverters {

    /** A decoded message and the bytes it came from. */
    private record WireFrame(ArroyoMessage message, byte[] bytes) {
    }

    private ArroyoConverters() {
    }

    /**
     * Decodes msgpack bytes. In an exchange, the bytes are kept as the message's {@value ArroyoConstants#WIRE_FRAME} property, so
     * that a message passed on unchanged is published as the very bytes it came in.
     */
    @Converter
    public static ArroyoMessage toMessage(byte[] bytes, Exchange exchange) {
        ArroyoMessage message = typed(WireFormat.MSGPACK.codec().decode(bytes), exchange);
        if (exchange != null) {
            exchange.setProperty(ArroyoConstants.WIRE_FRAME, new WireFrame(message, bytes));
        }
        return message;
    }

    @Converter
    public static ArroyoMessage toMessage(ByteBuffer bytes, Exchange exchange) {
        return typed(WireFormat.MSGPACK.codec().decode(bytes), exchange);
    }

    @Converter
    public static ArroyoMessage toMessage(InputStream in, Exchange exchange) throws IOException {
        return toMessage(in.readAllBytes(), exchange);
    }

    /** A file holding one msgpack message, as a {@code file:} listener delivers it. */
    @Converter
    public static ArroyoMessage toMessage(File file, Exchange exchange) throws IOException {
        return toMessage(Files.readAllBytes(file.toPath()), exchange);
    }

    @Converter
    public static ArroyoMessage toMessage(String json, Exchange exchange) {
        return typed(WireFormat.JSON.codec().decode(json.getBytes(StandardCharsets.UTF_8)), exchange);
    }

    /** Multipart frames: each element a {@code byte[]} or {@code ByteBuffer}. */
    @Converter
    public static ArroyoMessage toMessage(List<?> frames, Exchange exchange) {
        List<ByteBuffer> buffers = new ArrayList<>(frames.size());
        for (Object frame : frames) {
            if (frame instanceof byte[] bytes) {
                buffers.add(ByteBuffer.wrap(bytes));
            } else if (frame instanceof ByteBuffer buffer) {
                buffers.add(buffer);
            } else {
                throw new IllegalArgumentException("a multipart frame must be byte[] or ByteBuffer, got "
                        + (frame == null ? "null" : frame.getClass().getName()));
            }
        }
        return typed(WireFormat.MULTIPART.codec().decode(buffers), exchange);
    }

    /**
     * Encodes a message as msgpack; the message an exchange's bytes were decoded to (the same instance, so
     * unchanged: messages are immutable) is its original bytes, not a copy.
     */
    @Converter
    public static byte[] toBytes(ArroyoMessage message, Exchange exchange) {
        if (exchange != null && exchange.getProperty(ArroyoConstants.WIRE_FRAME) instanceof WireFrame frame && frame.message() == message) {
            return frame.bytes();
        }
        return WireFormat.MSGPACK.codec().encodeFrame(message);
    }

    /**
     * A batch on the wire, at any endpoint that takes bytes: one msgpack array of its events' maps, in order (the
     * {@code unbatch} stage sends them one by one instead).
     */
    @Converter
    public static byte[] toBytes(Batch batch) {
        return ((MsgpackCodec) WireFormat.MSGPACK.codec()).encodeArray(batch.events());
    }

    @Converter
    public static ByteBuffer toByteBuffer(ArroyoMessage message, Exchange exchange) {
        return ByteBuffer.wrap(toBytes(message, exchange));
    }

    @Converter
    public static InputStream toInputStream(ArroyoMessage message, Exchange exchange) {
        return new ByteArrayInputStream(toBytes(message, exchange));
    }

    @Converter
    public static String toJson(ArroyoMessage message) {
        return new String(WireFormat.JSON.codec().encodeFrame(message), StandardCharsets.UTF_8);
    }

    /** The frames of the multipart convention. */
    @Converter
    public static List<byte[]> toFrames(ArroyoMessage message) {
        return WireFormat.MULTIPART.codec().encode(message);
    }

    /** {@link Start}, {@link Event} and {@link Stop} from whatever converts to an {@link ArroyoMessage}. */
    @Converter(fallback = true)
    public static Object toKind(Class<?> type, Exchange exchange, Object value, TypeConverterRegistry registry) {
        if (type != Start.class && type != Event.class && type != Stop.class || value instanceof ArroyoMessage) {
            return null;
        }
        TypeConverter converter = registry.lookup(ArroyoMessage.class, value.getClass());
        if (converter == null) {
            return null;
        }
        ArroyoMessage message = converter.convertTo(ArroyoMessage.class, exchange, value);
        if (!type.isInstance(message)) {
            throw new IllegalArgumentException("expected a " + type.getSimpleName().toLowerCase() + " message, got a "
                    + message.type().wireName() + ": " + message);
        }
        return message;
    }

    private static ArroyoMessage typed(ArroyoMessage message, Exchange exchange) {
        if (exchange != null) {
            exchange.getMessage().setHeader(ArroyoConstants.MESSAGE_TYPE, message.type().wireName());
        }
        return message;
    }
}
