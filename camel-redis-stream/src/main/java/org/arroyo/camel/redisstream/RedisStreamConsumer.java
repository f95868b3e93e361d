package org.arroyo.camel.redisstream;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Suspendable;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;

/**
 * Reads the stream in a consumer group, one entry after the other in one thread, and acknowledges
 * an entry only when the route processed it without error. On start it first reads again the
 * entries this consumer name read before but did not acknowledge (at-least-once); an entry that
 * fails stays pending until then, and the consumer goes on with the next. When the connection
 * fails (Redis restarted, a network cut), it connects again every {@code blockTimeout} and reads
 * as on start: its pending entries first, among them those whose publishing failed meanwhile.
 */
public class RedisStreamConsumer extends DefaultConsumer implements Suspendable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStreamConsumer.class);

    private final RedisStreamEndpoint endpoint;
    private ExecutorService executor;

    public RedisStreamConsumer(RedisStreamEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        createGroupIfMissing();
        Consumer name = Consumer.from(endpoint.getConfiguration().getGroup(), endpoint.consumerName());
        executor = endpoint.getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "redis-stream " + endpoint.getConfiguration().getKey());
        executor.execute(() -> read(name));
    }

    @Override
    protected void doStop() throws Exception {
        if (executor != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdownGraceful(executor);
            executor = null;
        }
        super.doStop();
    }

    private void createGroupIfMissing() {
        RedisStreamConfiguration configuration = endpoint.getConfiguration();
        try (RedisConnection connection = endpoint.connectionFactory().getConnection()) {
            connection.streamCommands().xGroupCreate(endpoint.keyBytes(), configuration.getGroup(),
                    ReadOffset.from(configuration.getGroupStart()), true);
        } catch (DataAccessException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private void read(Consumer name) {
        RedisStreamConfiguration configuration = endpoint.getConfiguration();
        try {
            while (isRunAllowed()) {
                try {
                    readUntilConnectionFails(name);
                } catch (DataAccessException e) {
                    if (isRunAllowed()) {
                        LOG.warn("redis-stream consumer of {} lost its connection ({}); connecting again in {} ms",
                                configuration.getKey(), e.getMessage(), configuration.getBlockTimeout());
                        Thread.sleep(configuration.getBlockTimeout());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (isRunAllowed()) {
                getExceptionHandler().handleException("redis-stream consumer of " + configuration.getKey() + " stopped reading", e);
            }
        }
    }

    /** Reads until the consumer stops, or until a Redis command fails (DataAccessException). */
    private void readUntilConnectionFails(Consumer name) throws InterruptedException {
        RedisStreamConfiguration configuration = endpoint.getConfiguration();
        // a Redis restarted without its data has lost the group too
        createGroupIfMissing();
        StreamReadOptions options = StreamReadOptions.empty().count(configuration.getBatchSize())
                .block(Duration.ofMillis(configuration.getBlockTimeout()));
        // first the entries this consumer read before and did not acknowledge (ids after "0"), then new ones (">")
        boolean pending = true;
        ReadOffset offset = ReadOffset.from("0");
        try (RedisConnection connection = endpoint.connectionFactory().getConnection()) {
            while (isRunAllowed()) {
                if (isSuspendingOrSuspended()) {
                    Thread.sleep(configuration.getBlockTimeout());
                    continue;
                }
                List<ByteRecord> entries = connection.streamCommands().xReadGroup(name, options,
                        StreamOffset.create(endpoint.keyBytes(), offset));
                if (entries == null || entries.isEmpty()) {
                    if (pending) {
                        pending = false;
                        offset = ReadOffset.lastConsumed();
                    }
                    continue;
                }
                for (ByteRecord entry : entries) {
                    process(connection, entry);
                    if (pending) {
                        offset = ReadOffset.from(entry.getId());
                    }
                }
            }
        }
    }

    private void process(RedisConnection connection, ByteRecord entry) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setBody(entry.getValue().get(findField(entry)));
            exchange.getMessage().setHeader(RedisStreamConstants.ENTRY_ID, entry.getId().getValue());
            exchange.getMessage().setHeader(RedisStreamConstants.KEY, endpoint.getConfiguration().getKey());
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() == null) {
            connection.streamCommands().xAck(endpoint.keyBytes(), endpoint.getConfiguration().getGroup(), entry.getId());
        } else {
            getExceptionHandler().handleException("redis-stream entry " + entry.getId().getValue() + " of "
                    + endpoint.getConfiguration().getKey() + " failed and stays pending", exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    /** The map key of the configured field (byte[] keys compare by identity). */
    private byte[] findField(ByteRecord entry) {
        byte[] wanted = endpoint.fieldBytes();
        return entry.getValue().keySet().stream().filter(key -> Arrays.equals(key, wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("stream entry " + entry.getId().getValue() + " of "
                        + endpoint.getConfiguration().getKey() + " has no field '" + endpoint.getConfiguration().getField() + "'"));
    }
}
