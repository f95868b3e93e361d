package org.arroyo.camel.redisstream;

import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;

/**
 * Adds the body as bytes (an Arroyo message as msgpack) to the stream, in the configured field
 * (with the carried headers, option {@code headers}, as fields of their own), and sets header
 * {@value RedisStreamConstants#ENTRY_ID} to the id Redis gave it. The client is blocking, so the exchange completes
 * in the calling thread; each thread sending at the same time uses a connection of its own, kept for the next sends.
 * <p>
 * An exchange of an entry that a redis-stream listener read and has not settled yet ({@link StreamRead}) does not
 * wait: its XADD goes into this producer's pipeline for that read and the exchange goes on at once, without the
 * header; the listener reads the replies at the end of the read and acknowledges only the entries Redis took. Any
 * other exchange waits for its reply.
 */
public class RedisStreamProducer extends DefaultAsyncProducer {

    private final RedisStreamEndpoint endpoint;
    private final Map<String, byte[]> carriedHeaders;
    /**
     * Connections of earlier sends, one per concurrent sender, kept open: fetching one from the factory for each
     * send builds a new Spring connection (its command objects, a logger lookup). A Redis pub/sub pipeline, whose
     * publisher fetches one per message this way, spent a fifth of its route thread's time there in a profile.
     */
    private final Deque<RedisConnection> idle = new ConcurrentLinkedDeque<>();

    public RedisStreamProducer(RedisStreamEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.carriedHeaders = endpoint.carriedHeaders();
    }

    @Override
    protected void doStop() throws Exception {
        closeIdle();
        super.doStop();
    }

    private void closeIdle() {
        for (RedisConnection connection = idle.poll(); connection != null; connection = idle.poll()) {
            connection.close();
        }
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            ByteRecord record = StreamRecords.newRecord().in(endpoint.keyBytes())
                    .ofBytes(fields(exchange.getMessage(), exchange.getMessage().getMandatoryBody(byte[].class)));
            StreamRead.Entry entry = exchange.getProperty(StreamRead.ENTRY, StreamRead.Entry.class);
            if (entry != null && entry.pipeline(this, record)) {
                // the new id comes with the reply, after the exchange went on: the header would still hold the read entry's
                exchange.getMessage().removeHeader(RedisStreamConstants.ENTRY_ID);
            } else {
                exchange.getMessage().setHeader(RedisStreamConstants.ENTRY_ID, send(record).getValue());
            }
        } catch (Exception e) {
            exchange.setException(e);
        }
        callback.done(true);
        return true;
    }

    /** XADD of the record, waiting for its id. */
    private RecordId send(ByteRecord record) {
        RedisConnection connection = connection();
        RecordId id;
        try {
            id = add(connection, record);
        } catch (RuntimeException e) {
            discard(connection, e); // it may be broken: the next send takes a new one
            throw e;
        }
        release(connection);
        return id;
    }

    /** XADD of the record on the connection: its id, or null on a connection in pipeline mode (the id comes with the reply). */
    RecordId add(RedisConnection connection, ByteRecord record) {
        long maxLength = endpoint.getConfiguration().getMaxLength();
        XAddOptions options = maxLength > 0 ? XAddOptions.maxlen(maxLength).approximateTrimming(true) : XAddOptions.none();
        return connection.streamCommands().xAdd(record, options);
    }

    /** A connection of an earlier send, or a new one. */
    RedisConnection connection() {
        RedisConnection connection = idle.poll();
        return connection != null ? connection : endpoint.connectionFactory().getConnection();
    }

    /** Keeps the connection for the next send, unless this producer stopped meanwhile. */
    void release(RedisConnection connection) {
        idle.push(connection);
        if (!isRunAllowed()) {
            closeIdle();
        }
    }

    /** The entry's fields: the message's, then each carried header the message has, as text. */
    private Map<byte[], byte[]> fields(Message message, byte[] body) {
        if (carriedHeaders.isEmpty()) {
            return Map.of(endpoint.fieldBytes(), body);
        }
        Map<byte[], byte[]> fields = new LinkedHashMap<>();
        fields.put(endpoint.fieldBytes(), body);
        carriedHeaders.forEach((name, field) -> {
            String value = message.getHeader(name, String.class);
            if (value != null) {
                fields.put(field, value.getBytes(StandardCharsets.UTF_8));
            }
        });
        return fields;
    }

    /** Closes a connection that may be broken; what closing it throws goes with the failure. */
    static void discard(RedisConnection connection, RuntimeException failure) {
        try {
            connection.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
