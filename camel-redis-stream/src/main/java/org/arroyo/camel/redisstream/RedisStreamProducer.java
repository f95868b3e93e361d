package org.arroyo.camel.redisstream;

import java.util.Map;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;

/**
 * Adds the body as bytes (an Arroyo message as msgpack) to the stream, in the configured field,
 * and sets header {@value RedisStreamConstants#ENTRY_ID} to the id Redis gave it. The client is
 * blocking, so the exchange completes in the calling thread.
 */
public class RedisStreamProducer extends DefaultAsyncProducer {

    private final RedisStreamEndpoint endpoint;

    public RedisStreamProducer(RedisStreamEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            byte[] body = exchange.getMessage().getMandatoryBody(byte[].class);
            long maxLength = endpoint.getConfiguration().getMaxLength();
            XAddOptions options = maxLength > 0 ? XAddOptions.maxlen(maxLength).approximateTrimming(true) : XAddOptions.none();
            RecordId id;
            try (RedisConnection connection = endpoint.connectionFactory().getConnection()) {
                id = connection.streamCommands().xAdd(
                        StreamRecords.newRecord().in(endpoint.keyBytes()).ofBytes(Map.of(endpoint.fieldBytes(), body)), options);
            }
            exchange.getMessage().setHeader(RedisStreamConstants.ENTRY_ID, id.getValue());
        } catch (Exception e) {
            exchange.setException(e);
        }
        callback.done(true);
        return true;
    }
}
