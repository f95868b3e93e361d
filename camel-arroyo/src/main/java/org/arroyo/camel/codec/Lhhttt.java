package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * stream-py's {@code LHHTTT} framing of one text: one hex digit L giving the number of hex digits
 * of the length, those L digits giving the length in bytes, then the text in UTF-8. For example
 * {@code "1bHello World"}, and {@code "10"} for the empty text.
 */
public final class Lhhttt {

    /** The largest text accepted unless a decoder is told otherwise. */
    public static final int DEFAULT_MAX_TEXT_BYTES = 16 * 1024 * 1024;

    private Lhhttt() {
    }

    /** The framed text. */
    public static byte[] encode(String text) {
        byte[] utf8 = Bytes.utf8(text);
        String length = Integer.toHexString(utf8.length);
        byte[] frame = new byte[1 + length.length() + utf8.length];
        frame[0] = (byte) Character.forDigit(length.length(), 16);
        for (int i = 0; i < length.length(); i++) {
            frame[1 + i] = (byte) length.charAt(i);
        }
        System.arraycopy(utf8, 0, frame, 1 + length.length(), utf8.length);
        return frame;
    }

    /**
     * The text of a buffer holding exactly one frame.
     *
     * @throws ArroyoDecodeException when it is not one complete frame
     */
    public static String decode(ByteBuffer frame) {
        LhhtttDecoder decoder = new LhhtttDecoder(DEFAULT_MAX_TEXT_BYTES);
        List<String> texts = decoder.feed(frame);
        if (texts.size() != 1 || decoder.pendingBytes() > 0) {
            throw new ArroyoDecodeException(texts.isEmpty() ? "incomplete LHHTTT frame (" + frame.remaining() + " bytes)"
                    : "expected one LHHTTT frame, found " + texts.size() + " and " + decoder.pendingBytes() + " more bytes",
                    -1);
        }
        return texts.get(0);
    }
}
