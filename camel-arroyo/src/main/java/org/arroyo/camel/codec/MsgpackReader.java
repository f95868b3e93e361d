package org.arroyo.camel.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

import org.arroyo.camel.message.internal.MapBuilder;
import org.arroyo.camel.message.internal.Values;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessageIntegerOverflowException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageSizeException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;
import org.msgpack.value.ValueType;

/**
 * Reads one msgpack map into Arroyo values, checking every declared length against the bytes
 * that remain before allocating anything. Every value is made as a frozen map holds it ({@link Values}), so that the
 * map takes it without a copy: binary values are read-only slices of the input (never copied), nested maps and lists
 * the immutable ones of {@link Values}. The outer map stays a {@link MapBuilder}, for the codec to take its message
 * type and array from.
 */
final class MsgpackReader {

    /** Deeper nesting than this is refused: no detector header needs it, a hostile input might. */
    static final int MAX_DEPTH = 64;

    /**
     * Each thread's unpacker, reset for each message: a new one costs more than reading an event's header (msgpack-core
     * makes its buffers by reflection).
     */
    private static final ThreadLocal<Unpacking> UNPACKING = ThreadLocal.withInitial(Unpacking::new);

    /** An unpacker and the input it reads, which holds the frame being read and nothing between messages. */
    private static final class Unpacking {
        private final ArrayBufferInput input = new ArrayBufferInput(new byte[0]);
        private final MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(input);

        MessageUnpacker start(byte[] bytes, int offset, int length) throws IOException {
            input.reset(bytes, offset, length);
            unpacker.reset(input);
            return unpacker;
        }

        void release() throws IOException {
            input.close();
            unpacker.reset(input);
        }
    }

    private final ByteBuffer input;
    private final MessageUnpacker unpacker;

    private MsgpackReader(ByteBuffer input, MessageUnpacker unpacker) {
        this.input = input;
        this.unpacker = unpacker;
    }

    /** The single map the buffer holds; trailing bytes after it are an error. */
    static MapBuilder readMap(ByteBuffer input) {
        ByteBuffer frame = input.slice();
        Unpacking unpacking = UNPACKING.get();
        try {
            // msgpack-core reads array-backed buffers only (not read-only ones, nor direct ones on Java 17):
            // it parses a copy of those, while binary values stay slices of the input itself
            MessageUnpacker unpacker = frame.hasArray()
                    ? unpacking.start(frame.array(), frame.arrayOffset(), frame.remaining())
                    : unpacking.start(Bytes.copyOf(frame), 0, frame.remaining());
            try {
                return new MsgpackReader(frame, unpacker).readWhole();
            } finally {
                unpacking.release();
            }
        } catch (IOException e) {
            throw new IllegalStateException("msgpack-core failed to reset an in-memory unpacker", e);
        }
    }

    private MapBuilder readWhole() {
        try {
            if (!unpacker.hasNext()) {
                throw new ArroyoDecodeException("empty input, expected a msgpack map", 0);
            }
            long start = offset();
            if (unpacker.getNextFormat().getValueType() != ValueType.MAP) {
                throw new ArroyoDecodeException("expected a msgpack map, found "
                        + unpacker.getNextFormat().getValueType().name().toLowerCase() + TextHint.of(input), start);
            }
            MapBuilder map = readMapValue(1);
            if (unpacker.hasNext()) {
                throw new ArroyoDecodeException((input.limit() - offset()) + " unexpected bytes after the map", offset());
            }
            return map;
        } catch (MessageInsufficientBufferException e) {
            throw new ArroyoDecodeException("truncated msgpack: the input ends inside a value", offset(), e);
        } catch (IOException | MessagePackException e) {
            throw new ArroyoDecodeException("malformed msgpack: " + e.getMessage(), offset(), e);
        }
    }

    private long offset() {
        return unpacker.getTotalReadBytes();
    }

    private long remaining() {
        return input.limit() - offset();
    }

    private Object readValue(int depth) throws IOException {
        long at = offset();
        MessageFormat format = unpacker.getNextFormat();
        switch (format.getValueType()) {
            case NIL:
                unpacker.unpackNil();
                return null;
            case BOOLEAN:
                return unpacker.unpackBoolean();
            case INTEGER:
                try {
                    return unpacker.unpackLong();
                } catch (MessageIntegerOverflowException e) {
                    return e.getBigInteger(); // a uint64 beyond Long.MAX_VALUE
                }
            case FLOAT:
                return format == MessageFormat.FLOAT32 ? (Object) unpacker.unpackFloat() : (Object) unpacker.unpackDouble();
            case STRING:
                return readString(at);
            case BINARY:
                return readBinary(at);
            case ARRAY:
                return readArray(depth + 1, at);
            case MAP:
                return readMapValue(depth + 1).build();
            default:
                throw new ArroyoDecodeException("msgpack extension types are not Arroyo values", at);
        }
    }

    private String readString(long at) throws IOException {
        int length = checkLength(ValueType.STRING, at);
        if (!input.hasArray()) {
            return RecurringTexts.decode(unpacker.readPayload(length), 0, length, at, "string");
        }
        int start = input.arrayOffset() + Math.toIntExact(offset());
        unpacker.readPayloadAsReference(length);
        return RecurringTexts.decode(input.array(), start, length, at, "string");
    }

    private ByteBuffer readBinary(long at) throws IOException {
        int length = checkLength(ValueType.BINARY, at);
        int start = Math.toIntExact(offset());
        unpacker.readPayloadAsReference(length);
        return input.slice(start, length).asReadOnlyBuffer();
    }

    private List<Object> readArray(int depth, long at) throws IOException {
        checkDepth(depth, at);
        int size = checkLength(ValueType.ARRAY, at);
        Object[] elements = new Object[size];
        for (int i = 0; i < size; i++) {
            elements[i] = readValue(depth);
        }
        return Values.frozenList(elements);
    }

    private MapBuilder readMapValue(int depth) throws IOException {
        long at = offset();
        checkDepth(depth, at);
        int size = checkLength(ValueType.MAP, at);
        MapBuilder map = new MapBuilder(size);
        for (int i = 0; i < size; i++) {
            long keyAt = offset();
            if (unpacker.getNextFormat().getValueType() != ValueType.STRING) {
                throw new ArroyoDecodeException("map key is " + unpacker.getNextFormat().getValueType().name().toLowerCase()
                        + ", expected a string", keyAt);
            }
            String key = readString(keyAt);
            if (!map.addFrozen(key, readValue(depth))) {
                throw new ArroyoDecodeException("duplicate map key '" + key + "'", keyAt);
            }
        }
        return map;
    }

    /** A declared length (bytes, or elements of at least one byte each) must fit in what remains. */
    private int checkLength(ValueType header, long at) throws IOException {
        long declared;
        try {
            declared = switch (header) {
                case STRING -> unpacker.unpackRawStringHeader();
                case BINARY -> unpacker.unpackBinaryHeader();
                case ARRAY -> unpacker.unpackArrayHeader();
                default -> unpacker.unpackMapHeader();
            };
        } catch (MessageSizeException e) {
            declared = e.getSize(); // a 32-bit length beyond Integer.MAX_VALUE
        }
        if (declared > remaining()) {
            throw new ArroyoDecodeException(header.name().toLowerCase(Locale.ROOT) + " declares " + declared
                    + (header.isRawType() ? " bytes" : " elements") + " but only " + remaining() + " bytes remain", at);
        }
        return (int) declared;
    }

    private static void checkDepth(int depth, long at) {
        if (depth > MAX_DEPTH) {
            throw new ArroyoDecodeException("nesting deeper than " + MAX_DEPTH + " levels", at);
        }
    }
}
