package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.MessageType;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.message.internal.MapBuilder;

/** What the map-based conventions share: the {@code msg_type} field and numpy array descriptions. */
final class WireMaps {

    static final String MSG_TYPE = "msg_type";

    private WireMaps() {
    }

    /** Removes the {@code msg_type} field of a decoded map, leaving the message's fields; returns the type it states. */
    static MessageType takeMessageType(MapBuilder map) {
        if (!map.containsKey(MSG_TYPE)) {
            throw new ArroyoDecodeException("no msg_type field", -1);
        }
        Object value = map.remove(MSG_TYPE);
        if (value == null) {
            throw new ArroyoDecodeException("msg_type is null", -1);
        }
        if (!(value instanceof String name)) {
            throw new ArroyoDecodeException("msg_type is a " + value.getClass().getSimpleName() + ", expected a string", -1);
        }
        MessageType type = MessageType.fromWireName(name);
        if (type == null) {
            throw new ArroyoDecodeException("unknown msg_type '" + name + "' (expected start, event or stop)", -1);
        }
        return type;
    }

    /** The data map of a start or stop message. */
    static Map<String, Object> data(ArroyoMessage message) {
        if (message instanceof Start start) {
            return start.data();
        }
        if (message instanceof Stop stop) {
            return stop.data();
        }
        throw new IllegalArgumentException("an event has metadata, not data");
    }

    /** Fails when the fields to write hold a {@code msg_type} of their own, which would contradict the message's. */
    static void requireNoTypeField(Map<String, Object> fields) {
        if (fields.containsKey(MSG_TYPE)) {
            throw new IllegalArgumentException("field '" + MSG_TYPE
                    + "' is the message type on the wire; it cannot be a field of the message");
        }
    }

    /** The message a start or stop map stands for. */
    static ArroyoMessage startOrStop(MessageType type, Map<String, Object> fields) {
        return type == MessageType.START ? new Start(fields) : new Stop(fields);
    }

    /** A map with {@code msg_type} first, then the fields. */
    static Map<String, Object> withType(MessageType type, Map<String, Object> fields) {
        requireNoTypeField(fields);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(MSG_TYPE, type.wireName());
        map.putAll(fields);
        return map;
    }

    /**
     * The numpy array described by a dtype string and a shape list over the given bytes; {@code where} names the
     * description in errors (made only then).
     */
    static NdArray array(Supplier<String> where, Object dtype, Object shape, ByteBuffer data) {
        if (!(dtype instanceof String dtypeName)) {
            throw new ArroyoDecodeException(where.get() + ".dtype must be a string, got " + describe(dtype), -1);
        }
        try {
            return new NdArray(DType.fromNumpy(dtypeName), dimensions(where, shape), DType.byteOrderOf(dtypeName), data);
        } catch (IllegalArgumentException e) {
            throw new ArroyoDecodeException(where.get() + ": " + e.getMessage(), -1, e);
        }
    }

    /** The shape as msgpack or JSON carries it: a list of non-negative integers. */
    static List<Long> shapeValue(NdArray array) {
        return java.util.Arrays.stream(array.shape()).mapToObj(dim -> (long) dim).toList();
    }

    private static int[] dimensions(Supplier<String> where, Object shape) {
        if (!(shape instanceof List<?> list)) {
            throw new ArroyoDecodeException(where.get() + ".shape must be a list of integers, got " + describe(shape), -1);
        }
        int[] dims = new int[list.size()];
        for (int i = 0; i < dims.length; i++) {
            if (!(list.get(i) instanceof Long dim) || dim < 0 || dim > Integer.MAX_VALUE) {
                throw new ArroyoDecodeException(where.get() + ".shape[" + i + "] must be a non-negative integer, got "
                        + describe(list.get(i)), -1);
            }
            dims[i] = dim.intValue();
        }
        return dims;
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
