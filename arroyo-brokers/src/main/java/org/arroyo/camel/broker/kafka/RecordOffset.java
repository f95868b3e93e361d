package org.arroyo.camel.broker.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.component.kafka.consumer.CommitManager;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a record came from: the Kafka consumer that polled it, its partition and offset. camel-kafka hands one to
 * each record of a listener whose endpoint has the {@link Factory} (header {@code CamelKafkaManualCommit}), and
 * then commits nothing itself: {@link PollListener} commits. Like the consumer, it is used on the poll's thread only.
 */
final class RecordOffset implements KafkaManualCommit {

    private final Consumer<?, ?> consumer;
    private final TopicPartition partition;
    private final long offset;
    private final Duration commitTimeout;

    private RecordOffset(Consumer<?, ?> consumer, TopicPartition partition, long offset, Duration commitTimeout) {
        this.consumer = consumer;
        this.partition = partition;
        this.offset = offset;
        this.commitTimeout = commitTimeout;
    }

    long offset() {
        return offset;
    }

    /** Whether both records were polled by the same consumer from the same partition. */
    boolean sameSource(RecordOffset other) {
        return consumer == other.consumer && partition.equals(other.partition);
    }

    /** Whether both are the same record, polled by any consumer. */
    boolean samePosition(RecordOffset other) {
        return partition.equals(other.partition) && offset == other.offset;
    }

    TopicPartition partition() {
        return partition;
    }

    /** Commits the records of the partition before this one: the group reads from this record on. */
    void commitBefore() {
        commitAt(offset);
    }

    /** Commits the records of the partition up to and with this one. */
    @Override
    public void commit() {
        commitAt(offset + 1);
    }

    private void commitAt(long next) {
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(next)), commitTimeout);
    }

    /** Gives each record its {@link RecordOffset}; camel-kafka's commit manager for this factory commits nothing. */
    static final class Factory implements KafkaManualCommitFactory {

        @Override
        public KafkaManualCommit newInstance(CamelExchangePayload exchange, KafkaRecordPayload record, CommitManager commitManager) {
            return new RecordOffset(exchange.consumer, record.partition, record.recordOffset, Duration.ofMillis(record.commitTimeout));
        }
    }
}
