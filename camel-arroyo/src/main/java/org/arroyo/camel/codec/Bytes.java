package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
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
