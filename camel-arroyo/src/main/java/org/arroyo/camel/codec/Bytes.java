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

    /** Strict UTF-8: malformed bytes are a decode error at the given offset, never replaced. */
    static String utf8(byte[] bytes, long offset, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ArroyoDecodeException(what + " is not valid UTF-8", offset, e);
        }
    }
}
