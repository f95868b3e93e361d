package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;

/** Bytes passed through untouched: each frame is the payload of an event without metadata. */
public final class RawCodec implements MessageCodec {

    @Override
    public ArroyoMessage decode(List<ByteBuffer> frames) {
        MessageCodec.requireFrames(frames, 1, 1, "raw");
        return Event.of(Map.of(), frames.get(0));
    }

    @Override
    public List<byte[]> encode(ArroyoMessage message) {
        if (!(message instanceof Event event)) {
            throw new IllegalArgumentException("the raw convention carries only events' bytes, not a " + message.type().wireName());
        }
        return List.of(Bytes.copyOf(event.payload()));
    }
}
