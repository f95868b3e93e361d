package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.List;

import org.arroyo.camel.message.ArroyoMessage;

/**
 * One wire convention: how one Arroyo message is written as one or more frames (ZeroMQ frames,
 * broker messages, files). Codecs are stateless and thread safe.
 */
public interface MessageCodec {

    /**
     * The message the frames hold. Frames are not copied: binary values and payloads of the
     * message are slices of them.
     *
     * @throws ArroyoDecodeException when the frames are not a message of this convention
     */
    ArroyoMessage decode(List<ByteBuffer> frames);

    /**
     * The frames of a message.
     *
     * @throws IllegalArgumentException when the message cannot be written in this convention
     */
    List<byte[]> encode(ArroyoMessage message);

    /** Decodes a single-frame message. */
    default ArroyoMessage decode(byte[] frame) {
        return decode(ByteBuffer.wrap(frame));
    }

    /** Decodes a single-frame message. */
    default ArroyoMessage decode(ByteBuffer frame) {
        return decode(List.of(frame));
    }

    /**
     * Encodes a message this convention writes as a single frame.
     *
     * @throws IllegalArgumentException when it takes several frames
     */
    default byte[] encodeFrame(ArroyoMessage message) {
        List<byte[]> frames = encode(message);
        if (frames.size() != 1) {
            throw new IllegalArgumentException("this " + message.type().wireName() + " takes " + frames.size()
                    + " frames in this convention; send it as a multipart message (List<byte[]>)");
        }
        return frames.get(0);
    }

    /** Fails unless the frame count is between min and max. */
    static void requireFrames(List<ByteBuffer> frames, int min, int max, String convention) {
        if (frames.size() < min || frames.size() > max) {
            throw new ArroyoDecodeException(convention + " messages have " + (min == max ? "" + min : min + " to " + max)
                    + " frame" + (max > 1 ? "s" : "") + ", got " + frames.size(), -1);
        }
    }
}
