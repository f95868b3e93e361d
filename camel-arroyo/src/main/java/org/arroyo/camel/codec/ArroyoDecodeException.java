package org.arroyo.camel.codec;

/**
 * Bytes that are not a valid message of the expected wire convention. The message says what is
 * wrong and where: the frame (for multi-frame messages) and the byte offset within it.
 */
public class ArroyoDecodeException extends RuntimeException {

    private final long offset;

    public ArroyoDecodeException(String problem, long offset) {
        this(problem, offset, null);
    }

    public ArroyoDecodeException(String problem, long offset, Throwable cause) {
        super(problem + (offset >= 0 ? " (at byte offset " + offset + ")" : ""), cause);
        this.offset = offset;
    }

    /** Byte offset of the problem, or -1 when it concerns the message as a whole. */
    public long offset() {
        return offset;
    }

    /** The same problem, said to be in the given frame of a multi-frame message. */
    public ArroyoDecodeException inFrame(int frame) {
        return new ArroyoDecodeException("frame " + frame + ": " + getMessage(), -1, this);
    }
}
