package org.arroyo.camel.redisstream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;

/**
 * Reads the stream in a consumer group, one entry after the other in one thread, and acknowledges
 * the entries of each read together (one XACK), those the route processed without error, once it
 * processed them all. The route's redis-stream publishers send the XADDs of a read's new entries
 * without waiting ({@link StreamRead}); the XACK waits for their replies and leaves out an entry
 * whose XADD failed. Such an entry stays pending, and the consumer reads its pending entries again
 * at once, as on start, where each XADD waits for its reply so that the route's error handler sees
 * a refusal. On start it first reads again the entries this consumer name read before but did not
 * acknowledge (at-least-once); an entry that fails in the route stays pending until then, and the
 * consumer goes on with the next. When the connection fails (Redis restarted, a network cut), it
 * connects again every {@code blockTimeout} and reads as on start: its pending entries first,
 * among them those whose publishing failed meanwhile.
 */
public class RedisStreamConsumer extends DefaultConsumer implements Suspendable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStreamConsumer.class);

    private final RedisStreamEndpoint endpoint;
    private final Map<String, byte[]> carriedHeaders;
    private ExecutorService executor;

    public RedisStreamConsumer(RedisStreamEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.carriedHeaders = endpoint.carriedHeaders();
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
                // pending entries go through the route waiting for each XADD (the route's error handler sees a refusal);
                // new ones are pipelined, unless the read has one alone: one XADD is one round trip either way
                boolean pipelined = !pending && entries.size() > 1;
                StreamRead read = new StreamRead();
                try {
                    for (ByteRecord entry : entries) {
                        process(entry, read.add(entry.getId()), pipelined);
                        if (pending) {
                            offset = ReadOffset.from(entry.getId());
                        }
                    }
                } finally {
                    // every reply read before anything is acknowledged, also when the consumer stops mid-read
                    read.settle();
                }
                List<RecordId> published = read.published();
                if (!published.isEmpty()) {
                    // one acknowledgement for the read, after the route processed (and Redis took what it published) each of its entries
                    connection.streamCommands().xAck(endpoint.keyBytes(), configuration.getGroup(), published.toArray(RecordId[]::new));
                }
                Exception publishFailure = read.publishFailure();
                if (publishFailure != null) {
                    LOG.warn("redis-stream consumer of {}: {} of {} entries of a read left unacknowledged, a publisher did not take"
                             + " what the route sent ({}); reading them again", configuration.getKey(), entries.size() - published.size(),
                            entries.size(), publishFailure.getMessage());
                    pending = true;
                    offset = ReadOffset.from("0");
                }
            }
        }
    }

    /**
     * Runs the route on the entry, marking the entry failed when it did not complete; with {@code pipelined} the
     * route's redis-stream publishers send for it without waiting ({@link StreamRead}).
     */
    private void process(ByteRecord entry, StreamRead.Entry readEntry, boolean pipelined) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setBody(entry.getValue().get(findField(entry)));
            exchange.getMessage().setHeader(RedisStreamConstants.ENTRY_ID, entry.getId().getValue());
            exchange.getMessage().setHeader(RedisStreamConstants.KEY, endpoint.getConfiguration().getKey());
            carriedHeaders.forEach((name, field) -> {
                byte[] value = fieldValue(entry, field);
                if (value != null) {
                    exchange.getMessage().setHeader(name, new String(value, StandardCharsets.UTF_8));
                }
            });
            if (pipelined) {
                exchange.setProperty(StreamRead.ENTRY, readEntry);
            }
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            readEntry.failed(exchange.getException());
            getExceptionHandler().handleException("redis-stream entry " + entry.getId().getValue() + " of "
                    + endpoint.getConfiguration().getKey() + " failed and stays pending", exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    /** The value of a field of the entry, or null (byte[] keys compare by identity). */
    private static byte[] fieldValue(ByteRecord entry, byte[] field) {
        for (Map.Entry<byte[], byte[]> candidate : entry.getValue().entrySet()) {
            if (Arrays.equals(candidate.getKey(), field)) {
                return candidate.getValue();
            }
        }
        return null;
    }

    /** The map key of the configured field (byte[] keys compare by identity). */
    private byte[] findField(ByteRecord entry) {
        byte[] wanted = endpoint.fieldBytes();
        return entry.getValue().keySet().stream().filter(key -> Arrays.equals(key, wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("stream entry " + entry.getId().getValue() + " of "
                        + endpoint.getConfiguration().getKey() + " has no field '" + endpoint.getConfiguration().getField() + "'"));
    }
}
