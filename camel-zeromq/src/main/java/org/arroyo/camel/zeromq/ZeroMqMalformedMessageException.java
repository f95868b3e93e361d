package org.arroyo.camel.zeromq;

import java.util.List;

import org.apache.camel.RuntimeCamelException;

/**
 * A received message does not have the frames the endpoint expects (e.g. no data frame after the topic frame). It
 * keeps the frames, so that an error handler (bridgeErrorHandler=true) can still store or forward them.
 */
public class ZeroMqMalformedMessageException extends RuntimeCamelException {

    private final transient List<byte[]> frames;

    public ZeroMqMalformedMessageException(String message, List<byte[]> frames) {
        super(message);
        this.frames = List.copyOf(frames);
    }

    public List<byte[]> getFrames() {
        return frames;
    }
}
