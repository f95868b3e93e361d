package org.arroyo.camel.broker;

import org.apache.camel.spi.Metadata;

/** The record headers {@code arroyo:} publishers add on Kafka, besides {@code ArroyoMessageType}. */
public final class ArroyoBrokerConstants {

    @Metadata(description = "The run id of the message: its own run_id field, else this header, else for events and stops"
                            + " the run id of the last start from the same route. Kafka publishers also key the record by it.",
              javaType = "java.lang.String")
    public static final String RUN_ID = "ArroyoRunId";

    @Metadata(description = "The prefix of one header per top-level text, number or boolean field of an event's metadata,"
                            + " as text (ArroyoMeta.frame_number, ...), on Kafka records.",
              javaType = "java.lang.String")
    public static final String METADATA_PREFIX = "ArroyoMeta.";

    private ArroyoBrokerConstants() {
    }
}
