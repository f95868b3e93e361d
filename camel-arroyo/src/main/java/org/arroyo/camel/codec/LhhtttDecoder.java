package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes a byte stream of {@link Lhhttt} frames that arrive in arbitrary chunks: several frames
 * in one chunk, a frame split across chunks. A declared length above the limit is refused before
 * anything is allocated for it. Not thread safe: one decoder per stream.
 */
public final class LhhtttDecoder {

    private final int maxTextBytes;
    private byte[] buffer = new byte[256];
    private int size;
    private long consumed;

    public LhhtttDecoder(int maxTextBytes) {
        this.maxTextBytes = maxTextBytes;
    }

    /**
     * Adds a chunk and returns the texts of the frames it completes, in order.
     *
     * @throws ArroyoDecodeException at the first malformed frame, with its offset in the stream
     */
    public List<String> feed(ByteBuffer chunk) {
        append(chunk.duplicate());
        List<String> texts = new ArrayList<>();
        int at = 0;
        for (int frame = completeFrameLength(at); frame > 0; frame = completeFrameLength(at)) {
            int textStart = at + 1 + Character.digit(buffer[at], 16);
            texts.add(Bytes.decodeUtf8(buffer, textStart, at + frame - textStart, consumed + textStart, "text"));
            at += frame;
        }
        System.arraycopy(buffer, at, buffer, 0, size - at);
        size -= at;
        consumed += at;
        return texts;
    }

    /** Bytes received that do not yet complete a frame. */
    public int pendingBytes() {
        return size;
    }

    private void append(ByteBuffer chunk) {
        int needed = size + chunk.remaining();
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
        chunk.get(buffer, size, chunk.remaining());
        size = needed;
    }

    /** The whole frame's length if it is complete in the buffer from {@code at}, else -1. */
    private int completeFrameLength(int at) {
        if (at >= size) {
            return -1;
        }
        int digits = hexDigit(at, "length-of-length digit");
        if (digits == 0) {
            throw new ArroyoDecodeException("length-of-length digit is 0", consumed + at);
        }
        if (size - at < 1 + digits) {
            return -1;
        }
        long length = 0;
        for (int i = 1; i <= digits; i++) {
            length = length * 16 + hexDigit(at + i, "length digit");
            if (length > maxTextBytes) {
                throw new ArroyoDecodeException("frame declares more than the " + maxTextBytes + " bytes allowed",
                        consumed + at);
            }
        }
        long total = 1 + digits + length;
        return size - at >= total ? (int) total : -1;
    }

    private int hexDigit(int index, String what) {
        int digit = buffer[index] < 0 ? -1 : Character.digit((char) buffer[index], 16);
        if (digit < 0) {
            throw new ArroyoDecodeException(what + " is 0x" + Integer.toHexString(buffer[index] & 0xff)
                    + ", not a hex digit", consumed + index);
        }
        return digit;
    }
}
