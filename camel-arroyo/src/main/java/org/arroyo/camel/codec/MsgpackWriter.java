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

    /** A large binary value, to be copied in at this offset of the packed bytes. */
    private record Splice(int at, ByteBuffer bytes) {
    }

    private final ArrayBufferOutput packed = new ArrayBufferOutput(1024);
    private final MessagePacker packer = MessagePack.newDefaultPacker(packed);
    private final List<Splice> splices = new ArrayList<>();

    MsgpackWriter mapHeader(int size) {
        try {
            packer.packMapHeader(size);
        } catch (IOException e) {
            throw inMemory(e);
        }
        return this;
    }

    MsgpackWriter string(String value) {
        byte[] utf8 = RecurringTexts.utf8(value);
        try {
            packer.packRawStringHeader(utf8.length).writePayload(utf8);
        } catch (IOException e) {
            throw inMemory(e);
        }
        return this;
    }

    MsgpackWriter entry(String key, Object value) {
        return string(key).value(value);
    }

    MsgpackWriter value(Object value) {
        if (value instanceof Map<?, ?> map) {
            mapHeader(map.size());
            map.forEach((key, element) -> entry((String) key, element));
        } else if (value instanceof List<?> list) {
            arrayHeader(list.size());
            list.forEach(this::value);
        } else if (value instanceof String text) {
            string(text);
        } else if (value instanceof ByteBuffer bytes) {
            binary(bytes);
        } else {
            scalar(value);
        }
        return this;
    }

    MsgpackWriter arrayHeader(int size) {
        try {
            packer.packArrayHeader(size);
        } catch (IOException e) {
            throw inMemory(e);
        }
        return this;
    }

    private void scalar(Object value) {
        try {
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
        } catch (IOException e) {
            throw inMemory(e);
        }
    }

    MsgpackWriter binary(ByteBuffer bytes) {
        int length = bytes.remaining();
        try {
            packer.packBinaryHeader(length);
            if (length >= SPLICE_THRESHOLD) {
                splices.add(new Splice(Math.toIntExact(packer.getTotalWrittenBytes()), bytes.duplicate()));
            } else if (bytes.hasArray()) {
                packer.writePayload(bytes.array(), bytes.arrayOffset() + bytes.position(), length);
            } else {
                packer.writePayload(Bytes.copyOf(bytes));
            }
        } catch (IOException e) {
            throw inMemory(e);
        }
        return this;
    }

    /** The encoded bytes: the packed bytes with the spliced values copied in. */
    byte[] toByteArray() {
        try {
            packer.flush();
        } catch (IOException e) {
            throw inMemory(e);
        }
        byte[] header = packed.toByteArray();
        if (splices.isEmpty()) {
            return header;
        }
        int size = header.length;
        for (Splice splice : splices) {
            size = Math.addExact(size, splice.bytes().remaining());
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        int copied = 0;
        for (Splice splice : splices) {
            out.put(header, copied, splice.at() - copied).put(splice.bytes());
            copied = splice.at();
        }
        out.put(header, copied, header.length - copied);
        return out.array();
    }

    private static UncheckedIOException inMemory(IOException e) {
        return new UncheckedIOException("writing to memory cannot fail", e);
    }
}
