package org.arroyo.camel.zeromq;

import org.apache.camel.spi.Metadata;

/**
 * Message headers of the zeromq component.
 */
public final class ZeroMqConstants {

    @Metadata(description = "The topic: on PUB and XPUB producers it is sent as a separate first frame (String or"
                            + " byte array); SUB and XSUB consumers with topicFrame=true take the first frame off the"
                            + " message into this header, decoded as UTF-8.",
              javaType = "java.lang.String")
    public static final String TOPIC = "CamelZeroMqTopic";

    @Metadata(description = "The routing id of the peer: a ROUTER consumer sets it to the sender of the message;"
                            + " a ROUTER producer sends to the peer it names (String or byte array, required).",
              javaType = "byte[]")
    public static final String IDENTITY = "CamelZeroMqIdentity";

    private ZeroMqConstants() {
    }
}
