package org.arroyo.camel.streampy;

import org.apache.camel.spi.Metadata;

/** The message header and the exchange property that the {@code streampy} component and its metrics use. */
public final class StreamPyConstants {

    @Metadata(label = "producer", description = "The queue node's reply to a PUT, e.g. `PUT 4 bytes`.", javaType = "String")
    public static final String REPLY = "StreamPyReply";

    /**
     * An exchange property, not a header (so not in the catalog): when PipelineMetrics saw the exchange begin
     * ({@code System.nanoTime()}), to measure its processing time when it is done.
     */
    public static final String PIPELINE_BEGAN_AT = "ArroyoPipelineMetricsBeganAt";

    private StreamPyConstants() {
    }
}
