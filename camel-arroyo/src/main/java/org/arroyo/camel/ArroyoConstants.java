package org.arroyo.camel;

import org.apache.camel.spi.Metadata;

/** The message headers and exchange properties that camel-arroyo sets: their names on exchanges, and what they hold. */
public final class ArroyoConstants {

    @Metadata(description = "The kind of Arroyo message the body is: start, event or stop. Set when a body is converted or"
                            + " unmarshalled to a message, by operators and by publishing, so routes can choose on it.",
              javaType = "String")
    public static final String MESSAGE_TYPE = "ArroyoMessageType";

    @Metadata(label = "property", description = "An exchange property, not a header: the msgpack bytes a message was decoded"
                            + " from, so that the same message instance is published as those very bytes.",
              javaType = "java.lang.Object")
    public static final String WIRE_FRAME = "ArroyoWireFrame";

    @Metadata(label = "property", description = "An exchange property, not a header: the message the pipeline's listener"
                            + " gave, decoded, as the pipeline's first step noted it (kept while the operator's outputs"
                            + " replace the body; the run id and frame number of trace spans come from it).",
              javaType = "org.arroyo.camel.message.ArroyoMessage")
    public static final String LISTENER_MESSAGE = "ArroyoListenerMessage";

    @Metadata(label = "property", description = "An exchange property, not a header: the place of a published message among"
                            + " those one input became (0, 1, ...), e.g. for file names.",
              javaType = "java.lang.Integer")
    public static final String OUTPUT_INDEX = "ArroyoOutputIndex";

    @Metadata(description = "Why a batch closed: SIZE, AGE, IDLE, RUN_BOUNDARY or SHUTDOWN.", javaType = "String")
    public static final String BATCH_CLOSED_BY = "ArroyoBatchClosedBy";

    @Metadata(description = "Why a pipeline could not process the message: the exception's type and message. Set on a dead"
                            + " letter, whose body is the message as the listener received it.", javaType = "String")
    public static final String FAILURE_REASON = "ArroyoFailureReason";

    @Metadata(description = "The route (pipeline or stage) where a dead letter failed.", javaType = "String")
    public static final String FAILURE_ROUTE = "ArroyoFailureRoute";

    @Metadata(label = "property", description = "An exchange property, not a header: the publisher a message could not be"
                            + " sent to. A pipeline retries such a message instead of dead-lettering it.",
              javaType = "String")
    public static final String PUBLISH_FAILED = "ArroyoPublishFailed";

    @Metadata(label = "property", description = "An exchange property, not a header: on a run's stop, what the pipeline's"
                            + " frame check counted in the run (org.arroyo.camel.operator.FrameCount).",
              javaType = "org.arroyo.camel.operator.FrameCount")
    public static final String FRAME_COUNT = "ArroyoFrameCount";

    private ArroyoConstants() {
    }
}
