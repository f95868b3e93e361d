package org.arroyo.camel.streampy;

import org.apache.camel.spi.Metadata;

/** The message header and the exchange property that the {@code streampy} component and its metrics use. */
public final class StreamPyConstants {

    @Metadata(label = "producer", description = "The queue node's reply to a PUT, e.g. `PUT 4 bytes`.", javaType = "String")
    public static final String REPLY = "StreamPyReply";

    @Metadata(label = "metrics", description = "An exchange property, not a header: when PipelineMetrics saw the exchange begin"
                            + " (System.nanoTime()), to measure its processing time when it is done.",
              javaType = "java.lang.Long")
    public static final String PIPELINE_BEGAN_AT = "ArroyoPipelineMetricsBeganAt";

    private StreamPyConstants() {
    }
}
