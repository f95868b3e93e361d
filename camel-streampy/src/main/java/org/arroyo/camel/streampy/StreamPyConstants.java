package org.arroyo.camel.streampy;

import org.apache.camel.spi.Metadata;

/** Headers of the {@code streampy} component. */
public final class StreamPyConstants {

    @Metadata(label = "producer", description = "The queue node's reply to a PUT, e.g. `PUT 4 bytes`.", javaType = "String")
    public static final String REPLY = "StreamPyReply";

    private StreamPyConstants() {
    }
}
