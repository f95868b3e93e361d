package org.arroyo.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntryBinary;

/**
 * Redis Streams through Jedis: the source adds entries (XADD), the stage reads them in a consumer group
 * (XREADGROUP) and acknowledges them (XACK) after adding them to its output stream, and the sink reads the output
 * stream from its beginning (XREAD). The source stays a {@link Backlog} ahead of the entries in the output stream.
 */
final class RedisStreams implements BrokerClient {

    /** The field of an entry that holds the message: the redis-stream component's default. */
    private static final byte[] FIELD = bytes("data");
    private static final String GROUP = "arroyo-bench";
    /** Entries per read: the redis-stream listener's default batchSize, which the pipeline's URI keeps. */
    private static final int BATCH = 10;
    private static final int BLOCK_MILLIS = 100;

    @Override
    public String unavailable(BrokerAddress server) {
        return new RedisPubSub().unavailable(server);
    }

    @Override
    public void create(List<BrokerAddress> destinations) {
        // a stream exists from its first entry; the stage makes its group
    }

    @Override
    public void delete(List<BrokerAddress> destinations) {
        try (Jedis jedis = connect(destinations.get(0))) {
            jedis.del(destinations.stream().map(stream -> bytes(stream.name())).toArray(byte[][]::new));
        }
    }

    @Override
    public Outbox publisher(BrokerAddress to, BrokerAddress downstream) {
        Jedis jedis = connect(to);
        byte[] key = bytes(to.name());
        Backlog backlog = new Backlog(sent -> downstream == null ? 0 : sent - jedis.xlen(bytes(downstream.name())));
        return new Outbox() {
            @Override
            public void send(byte[] message) throws Exception {
                backlog.beforeSend();
                jedis.xadd(key, XAddParams.xAddParams(), Map.of(FIELD, message));
            }

            @Override
            public void awaitDrained() throws Exception {
                backlog.awaitEmpty();
            }

            @Override
            public void close() {
                jedis.close();
            }
        };
    }

    @Override
    public Inbox subscriber(BrokerAddress from, Duration idleTimeout) {
        Jedis jedis = connect(from);
        byte[] key = bytes(from.name());
        XReadParams read = XReadParams.xReadParams().count(100).block((int) idleTimeout.toMillis());
        return new Inbox() {
            private final Deque<byte[]> entries = new ArrayDeque<>();
            private StreamEntryID last = new StreamEntryID();

            @Override
            public byte[] next() {
                if (entries.isEmpty()) {
                    List<Map.Entry<byte[], List<StreamEntryBinary>>> streams = jedis.xreadBinary(read, Map.of(key, last));
                    if (streams == null || streams.isEmpty()) {
                        return null;
                    }
                    for (StreamEntryBinary entry : streams.get(0).getValue()) {
                        entries.add(field(entry));
                        last = entry.getID();
                    }
                }
                return entries.poll();
            }

            @Override
            public void close() {
                jedis.close();
            }
        };
    }

    @Override
    public Stage.Running relay(BrokerAddress in, BrokerAddress out) {
        return new Relay(in, out);
    }

    @Override
    public String listenUri(BrokerAddress in) {
        return "redis-stream:" + in.name() + "?host=" + in.host() + "&port=" + in.port() + "&group=" + GROUP
               + "&consumerName=pipeline";
    }

    @Override
    public String publishUri(BrokerAddress out) {
        return "redis-stream:" + out.name() + "?host=" + out.host() + "&port=" + out.port();
    }

    private static Jedis connect(BrokerAddress server) {
        return new Jedis(server.host(), server.port());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The message of an entry (its field's key is another array than {@link #FIELD}, so look it up by content). */
    private static byte[] field(StreamEntryBinary entry) {
        return entry.getFields().entrySet().stream().filter(field -> Arrays.equals(field.getKey(), FIELD))
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("stream entry " + entry.getID() + " has no field 'data'"));
    }

    /**
     * The usual at-least-once loop: read a batch of new entries in the group, add each to the output stream (waiting
     * for Redis's reply), then acknowledge the batch with one XACK.
     */
    private static final class Relay implements Stage.Running {

        private final Jedis jedis;
        private final byte[] inKey;
        private final byte[] outKey;
        private final Thread thread;
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private volatile boolean running = true;

        Relay(BrokerAddress in, BrokerAddress out) {
            jedis = connect(in);
            inKey = bytes(in.name());
            outKey = bytes(out.name());
            jedis.xgroupCreate(inKey, bytes(GROUP), bytes("0"), true);
            thread = new Thread(this::relay, "redis-stream-relay");
            thread.start();
        }

        private void relay() {
            XReadGroupParams read = XReadGroupParams.xReadGroupParams().count(BATCH).block(BLOCK_MILLIS);
            Map<byte[], StreamEntryID> newEntries = Map.of(inKey, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY);
            try {
                while (running) {
                    List<Map.Entry<byte[], List<StreamEntryBinary>>> streams = jedis.xreadGroupBinary(bytes(GROUP),
                            bytes("relay"), read, newEntries);
                    if (streams == null || streams.isEmpty()) {
                        continue;
                    }
                    List<StreamEntryBinary> entries = streams.get(0).getValue();
                    byte[][] ids = new byte[entries.size()][];
                    for (int i = 0; i < ids.length; i++) {
                        jedis.xadd(outKey, XAddParams.xAddParams(), entries.get(i).getFields());
                        ids[i] = bytes(entries.get(i).getID().toString());
                    }
                    jedis.xack(inKey, bytes(GROUP), ids);
                }
            } catch (Exception e) {
                failure.set(e);
                System.err.println("redis-stream relay failed: " + e);
            }
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.join();
            jedis.close();
            if (failure.get() != null) {
                throw failure.get();
            }
        }
    }
}
