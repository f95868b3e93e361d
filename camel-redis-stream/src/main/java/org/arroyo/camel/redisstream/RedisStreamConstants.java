package org.arroyo.camel.redisstream;

import org.apache.camel.spi.Metadata;

/** The headers of the {@code redis-stream} component. */
public final class RedisStreamConstants {

    @Metadata(description = "The id of the stream entry: the one read (consumer) or the one Redis gave the entry added (producer;"
                            + " removed instead in the route of a redis-stream consumer, whose publishing does not wait for the id).",
              javaType = "String")
    public static final String ENTRY_ID = "ArroyoRedisStreamEntryId";
    @Metadata(label = "consumer", description = "The key of the stream the entry was read from.", javaType = "String")
    public static final String KEY = "ArroyoRedisStreamKey";

    private RedisStreamConstants() {
    }
}
