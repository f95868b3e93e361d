package org.arroyo.camel.codec;

import java.nio.ByteBuffer;

final class Bytes {

    private Bytes() {
    }

    /** A copy of the remaining bytes; the buffer's position is left as it was. */
    static byte[] copyOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
