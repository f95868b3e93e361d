package org.arroyo.camel.redisstream;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.arroyo.test.infra.RedisBroker;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;

import static java.nio.charset.StandardCharsets.UTF_8;

/** Plain Redis commands on streams, outside Camel, for tests; each call opens a connection of its own, so a restarted Redis is no matter. */
final class StreamClient implements AutoCloseable {

    private static final byte[] FIELD = "data".getBytes(UTF_8);

    private final JedisConnectionFactory redis;

    StreamClient(RedisBroker broker) {
        // no pool: a connection pooled before a Redis restart would be broken after it
        redis = new JedisConnectionFactory(new RedisStandaloneConfiguration(broker.host(), broker.port()),
                JedisClientConfiguration.builder().build());
        redis.afterPropertiesSet();
    }

    /** XADD of each message, in field {@code data}. */
    void add(String key, List<byte[]> messages) {
        try (RedisConnection connection = redis.getConnection()) {
            for (byte[] message : messages) {
                connection.streamCommands().xAdd(StreamRecords.newRecord().in(key.getBytes(UTF_8)).ofBytes(Map.of(FIELD, message)));
            }
        }
    }

    long length(String key) {
        try (RedisConnection connection = redis.getConnection()) {
            return connection.streamCommands().xLen(key.getBytes(UTF_8));
        }
    }

    /** The {@code data} of every entry, in order. */
    List<byte[]> read(String key) {
        try (RedisConnection connection = redis.getConnection()) {
            return connection.streamCommands().xRange(key.getBytes(UTF_8), Range.unbounded()).stream().map(StreamClient::data).toList();
        }
    }

    long pending(String key, String group) {
        try (RedisConnection connection = redis.getConnection()) {
            return connection.streamCommands().xPending(key.getBytes(UTF_8), group).getTotalPendingMessages();
        }
    }

    void delete(String... keys) {
        try (RedisConnection connection = redis.getConnection()) {
            connection.keyCommands().del(Arrays.stream(keys).map(key -> key.getBytes(UTF_8)).toArray(byte[][]::new));
        }
    }

    private static byte[] data(ByteRecord entry) {
        return entry.getValue().entrySet().stream().filter(field -> Arrays.equals(field.getKey(), FIELD))
                .findFirst().orElseThrow().getValue();
    }

    @Override
    public void close() {
        redis.destroy();
    }
}
