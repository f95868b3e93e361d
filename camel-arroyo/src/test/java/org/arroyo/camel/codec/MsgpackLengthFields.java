package org.arroyo.camel.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * The length fields of a msgpack frame (the headers of its strings, binaries, arrays and maps), found by reading it
 * with msgpack-core, and rewritten in their 32-bit form to declare far more than follows.
 */
final class MsgpackLengthFields {

    private record Header(int offset, int width, byte marker32) {
    }

    private MsgpackLengthFields() {
    }

    /** The frame with one length field declaring one more than follows, 2^31 - 1, 2^31 or 2^32 - 1; null if it has none. */
    static byte[] inflate(byte[] frame, Random random) {
        List<Header> headers = headers(frame);
        if (headers.isEmpty()) {
            return null;
        }
        Header header = headers.get(random.nextInt(headers.size()));
        int after = frame.length - header.offset() - header.width();
        int declared = switch (random.nextInt(4)) {
            case 0 -> after + 1;
            case 1 -> Integer.MAX_VALUE;
            case 2 -> Integer.MIN_VALUE; // 2^31 unsigned
            default -> -1; // 2^32 - 1 unsigned
        };
        return withLength(frame, header, declared);
    }

    /** The frame with the length field at {@code offset} declaring {@code declared} (unsigned) in its 32-bit form. */
    static byte[] declaring(byte[] frame, int offset, int declared) {
        return headers(frame).stream().filter(header -> header.offset() == offset).findFirst()
                .map(header -> withLength(frame, header, declared))
                .orElseThrow(() -> new IllegalArgumentException("no length field at offset " + offset));
    }

    private static byte[] withLength(byte[] frame, Header header, int declared) {
        ByteBuffer out = ByteBuffer.allocate(frame.length - header.width() + 5);
        out.put(frame, 0, header.offset()).put(header.marker32()).putInt(declared);
        out.put(frame, header.offset() + header.width(), frame.length - header.offset() - header.width());
        return out.array();
    }

    /** Every length field of a frame, in order (up to a fault, in a frame msgpack-core cannot read). */
    private static List<Header> headers(byte[] frame) {
        List<Header> headers = new ArrayList<>();
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(frame)) {
            while (unpacker.hasNext()) {
                int offset = (int) unpacker.getTotalReadBytes();
                MessageFormat format = unpacker.getNextFormat();
                int payload = 0;
                byte marker32;
                switch (format.getValueType()) {
                    case STRING -> {
                        payload = unpacker.unpackRawStringHeader();
                        marker32 = (byte) 0xdb;
                    }
                    case BINARY -> {
                        payload = unpacker.unpackBinaryHeader();
                        marker32 = (byte) 0xc6;
                    }
                    case ARRAY -> {
                        unpacker.unpackArrayHeader();
                        marker32 = (byte) 0xdd;
                    }
                    case MAP -> {
                        unpacker.unpackMapHeader();
                        marker32 = (byte) 0xdf;
                    }
                    default -> {
                        unpacker.skipValue();
                        continue;
                    }
                }
                int end = (int) unpacker.getTotalReadBytes();
                headers.add(new Header(offset, end - offset, marker32));
                if (payload < 0 || payload > frame.length - end) {
                    break; // inflated already: msgpack-core would allocate what it declares
                }
                unpacker.readPayloadAsReference(payload);
            }
        } catch (IOException | MessagePackException e) {
            return headers;
        }
        return headers;
    }
}
