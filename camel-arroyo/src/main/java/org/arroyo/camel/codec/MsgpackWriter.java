package org.arroyo.camel.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.buffer.ArrayBufferOutput;

/**
 * Writes Arroyo values as msgpack-python writes them ({@code use_bin_type=True}): the smallest
 * integer, string, binary, array and map formats, float64 for doubles, keys in map order. Large
 * binary values are spliced in by reference and copied once, into the final array.
 */
final class MsgpackWriter {

    private static final int SPLICE_THRESHOLD = 8192;

    private final List<ByteBuffer> segments = new ArrayList<>();
    private ArrayBufferOutput current = new ArrayBufferOutput(512);
    private final MessagePacker packer = MessagePack.newDefaultPacker(current);

    MsgpackWriter mapHeader(int size) {
        return io(() -> packer.packMapHeader(size));
    }

    MsgpackWriter string(String value) {
        byte[] utf8 = Bytes.utf8(value);
        return io(() -> packer.packRawStringHeader(utf8.length).writePayload(utf8));
    }

    MsgpackWriter entry(String key, Object value) {
        return string(key).value(value);
    }

    MsgpackWriter value(Object value) {
        if (value instanceof Map<?, ?> map) {
            mapHeader(map.size());
            map.forEach((key, element) -> entry((String) key, element));
            return this;
        }
        if (value instanceof List<?> list) {
            io(() -> packer.packArrayHeader(list.size()));
            list.forEach(this::value);
            return this;
        }
        if (value instanceof String text) {
            return string(text);
        }
        if (value instanceof ByteBuffer bytes) {
            return binary(bytes);
        }
        return io(() -> {
            if (value == null) {
                packer.packNil();
            } else if (value instanceof Boolean bool) {
                packer.packBoolean(bool);
            } else if (value instanceof Long number) {
                packer.packLong(number);
            } else if (value instanceof BigInteger number) {
                packer.packBigInteger(number);
            } else if (value instanceof Double number) {
                packer.packDouble(number);
            } else if (value instanceof Float number) {
                packer.packFloat(number);
            } else {
                throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as msgpack");
            }
        });
    }

    MsgpackWriter binary(ByteBuffer bytes) {
        int length = bytes.remaining();
        io(() -> packer.packBinaryHeader(length));
        if (length < SPLICE_THRESHOLD) {
            return io(() -> packer.writePayload(Bytes.copyOf(bytes)));
        }
        return io(() -> {
            segments.add(flushCurrent());
            segments.add(bytes.duplicate());
        });
    }

    /** The encoded bytes, assembled with one copy of each segment. */
    byte[] toByteArray() {
        segments.add(flushCurrent());
        int size = 0;
        for (ByteBuffer segment : segments) {
            size = Math.addExact(size, segment.remaining());
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        segments.forEach(segment -> out.put(segment.duplicate()));
        return out.array();
    }

    private ByteBuffer flushCurrent() {
        ByteBuffer[] written = new ByteBuffer[1];
        io(() -> {
            packer.flush();
            written[0] = ByteBuffer.wrap(current.toByteArray());
            current = new ArrayBufferOutput(512);
            packer.reset(current);
        });
        return written[0];
    }

    private interface IoStep {
        void run() throws IOException;
    }

    private MsgpackWriter io(IoStep step) {
        try {
            step.run();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }
}
