package org.arroyo.camel.redisstream;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisPipelineException;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.RecordId;

/**
 * The entries of one read on their way through a listener's route, and the XADDs its redis-stream publishers sent for
 * them without waiting for the reply ({@link Entry#pipeline}): each publisher sends on a connection of its own in
 * pipeline mode, in the order of the entries. {@link #settle} reads every reply; then {@link #published} tells which
 * entries the route processed without error and whose every XADD Redis took, the ones to acknowledge. Entries are added
 * and the read settled on the listener's thread; a publisher may send from another thread until the read is settled.
 */
final class StreamRead {

    /** The exchange property holding the {@link Entry} an exchange of the listener's route carries. */
    static final String ENTRY = "ArroyoRedisStreamReadEntry";

    private final List<Entry> entries = new ArrayList<>();
    /** One per publisher that sent for this read; few, so a list. */
    private final List<Pipeline> pipelines = new ArrayList<>(1);
    private boolean settled;

    Entry add(RecordId id) {
        Entry entry = new Entry(id);
        entries.add(entry);
        return entry;
    }

    /** Reads the reply to every pipelined XADD; a later send for this read is no longer pipelined. */
    synchronized void settle() {
        settled = true;
        for (Pipeline pipeline : pipelines) {
            pipeline.close();
        }
        pipelines.clear();
    }

    /** The entries that the route processed without error and whose every XADD Redis took (after {@link #settle}). */
    synchronized List<RecordId> published() {
        return entries.stream().filter(entry -> entry.failure == null).map(entry -> entry.id).toList();
    }

    /** The first XADD of a publisher that failed after its entry went on, or null. */
    synchronized Exception publishFailure() {
        return entries.stream().map(entry -> entry.publishFailure).filter(failure -> failure != null).findFirst().orElse(null);
    }

    private Pipeline pipelineOf(RedisStreamProducer producer) {
        for (Pipeline pipeline : pipelines) {
            if (pipeline.producer == producer) {
                return pipeline;
            }
        }
        Pipeline pipeline = new Pipeline(producer);
        pipelines.add(pipeline);
        return pipeline;
    }

    /** One entry of the read; what failed for it, if anything. */
    final class Entry {

        private final RecordId id;
        private Exception failure;
        private Exception publishFailure;

        private Entry(RecordId id) {
            this.id = id;
        }

        /** The route failed for this entry. */
        void failed(Exception cause) {
            synchronized (StreamRead.this) {
                if (failure == null) {
                    failure = cause;
                }
            }
        }

        private void publishFailed(Exception cause) {
            failed(cause);
            if (publishFailure == null) {
                publishFailure = cause;
            }
        }

        /**
         * Sends the XADD of the record for this entry through the producer's pipeline of this read, without waiting.
         *
         * @return false when the read is settled already: the caller sends it itself
         */
        boolean pipeline(RedisStreamProducer producer, ByteRecord record) {
            synchronized (StreamRead.this) {
                if (settled) {
                    return false;
                }
                Pipeline pipeline = pipelineOf(producer);
                try {
                    pipeline.send(this, record);
                } catch (RuntimeException e) {
                    // the connection may be broken: what it sent is lost for this read, and the next send opens another
                    pipelines.remove(pipeline);
                    pipeline.abandon(e);
                    throw e;
                }
                return true;
            }
        }
    }

    /** A publisher's connection in pipeline mode, and the entry of each XADD sent on it, in order. */
    private static final class Pipeline {

        private final RedisStreamProducer producer;
        private final RedisConnection connection;
        private final List<Entry> sent = new ArrayList<>();

        Pipeline(RedisStreamProducer producer) {
            this.producer = producer;
            this.connection = producer.connection();
            try {
                connection.openPipeline();
            } catch (RuntimeException e) {
                RedisStreamProducer.discard(connection, e);
                throw e;
            }
        }

        void send(Entry entry, ByteRecord record) {
            producer.add(connection, record);
            sent.add(entry);
        }

        /** Reads the replies, in the order of the sends; the connection goes back to the producer. */
        void close() {
            List<Object> replies;
            try {
                replies = connection.closePipeline();
            } catch (RedisPipelineException e) {
                // one reply per XADD, each a failure or the new entry's id
                replies = e.getPipelineResult();
            } catch (RuntimeException e) {
                abandon(e);
                return;
            }
            for (int i = 0; i < sent.size(); i++) {
                Object reply = i < replies.size() && replies.size() == sent.size() ? replies.get(i) : null;
                if (!(reply instanceof RecordId)) {
                    sent.get(i).publishFailed(reply instanceof Exception failure ? failure
                            : new IllegalStateException("no id in the reply to XADD " + (i + 1) + " of " + sent.size() + ": " + replies));
                }
            }
            producer.release(connection);
        }

        /** Every XADD sent counts as failed: its reply will not be read. */
        void abandon(RuntimeException cause) {
            sent.forEach(entry -> entry.publishFailed(cause));
            RedisStreamProducer.discard(connection, cause);
        }
    }
}
