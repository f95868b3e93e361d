package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

final class Bytes {

    private Bytes() {
    }

    /** A copy of the remaining bytes; the buffer's position is left as it was. */
    static byte[] copyOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /**
     * Strict UTF-8 of {@code length} bytes from {@code from}: malformed bytes are a decode error at the given offset,
     * never replaced.
     */
    static String decodeUtf8(byte[] bytes, int from, int length, long offset, String what) {
        if (isAscii(bytes, from, length)) {
            // the common case (field names, dtypes, run ids): every byte is its own character
            return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, length)).toString();
        } catch (CharacterCodingException e) {
            throw new ArroyoDecodeException(what + " is not valid UTF-8", offset, e);
        }
    }

    private static boolean isAscii(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The UTF-8 bytes of a text.
     *
     * @throws IllegalArgumentException for an unpaired surrogate, which {@code getBytes} would silently write as '?'
     */
    static byte[] utf8(String text) {
        requireWellFormed(text);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Fails for a text with an unpaired surrogate, which has no UTF-8 form. */
    static void requireWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(text.charAt(i))) {
                throw new IllegalArgumentException("text has an unpaired surrogate at index " + i
                        + ", it cannot be written as UTF-8");
            }
        }
    }
}
