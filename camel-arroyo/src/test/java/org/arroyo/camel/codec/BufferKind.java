package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** The kinds of ByteBuffer a frame may arrive in; every decoder must read them all alike. */
public enum BufferKind {
    HEAP {
        @Override
        public ByteBuffer of(byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
    },
    /** Positioned inside a larger array, with foreign bytes before and after. */
    WINDOW {
        @Override
        public ByteBuffer of(byte[] bytes) {
            byte[] larger = new byte[bytes.length + 6];
            Arrays.fill(larger, (byte) 0xc1);
            System.arraycopy(bytes, 0, larger, 3, bytes.length);
            return ByteBuffer.wrap(larger, 3, bytes.length);
        }
    },
    READ_ONLY {
        @Override
        public ByteBuffer of(byte[] bytes) {
            return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        }
    },
    DIRECT {
        @Override
        public ByteBuffer of(byte[] bytes) {
            return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        }
    };

    /** The bytes in a buffer of this kind, positioned at their first byte. */
    public abstract ByteBuffer of(byte[] bytes);
}
