package org.arroyo.camel.broker.kafka;

import java.util.ArrayList;
import java.util.List;

/**
 * The records of one partition from one poll on their way through a listener's route, and the sends their kafka
 * publishers made without waiting for the broker's acknowledgement ({@link PollRecordProducer}). {@link #settle} waits for every
 * acknowledgement, then commits the records before the first one that failed (all of them when none did). Records
 * are added and settled on the poll's thread; acknowledgements arrive on Kafka's.
 */
final class Poll {

    /** The exchange property holding the {@link Record} an exchange of the listener's route carries. */
    static final String RECORD = "ArroyoKafkaPolledRecord";

    private final List<Record> records = new ArrayList<>();
    private int unacknowledged;
    private boolean settled;

    /** Whether the record belongs to this poll's partition share, after its last record. */
    boolean continuedBy(RecordOffset offset) {
        RecordOffset last = records.get(records.size() - 1).offset;
        return last.sameSource(offset) && offset.offset() > last.offset();
    }

    Record add(RecordOffset offset) {
        Record record = new Record(offset);
        records.add(record);
        return record;
    }

    /**
     * Waits until every send is acknowledged, then commits the records before the first that failed, or all.
     *
     * @return the first failed record, or null
     */
    Record settle() throws InterruptedException {
        Record failed;
        synchronized (this) {
            while (unacknowledged > 0) {
                wait();
            }
            settled = true;
            failed = records.stream().filter(record -> record.failure != null).findFirst().orElse(null);
        }
        if (failed != null) {
            failed.offset.commitBefore();
        } else {
            records.get(records.size() - 1).offset.commit();
        }
        return failed;
    }

    /** One polled record; what failed for it, if anything. */
    final class Record {

        private final RecordOffset offset;
        private Exception failure;

        private Record(RecordOffset offset) {
            this.offset = offset;
        }

        RecordOffset offset() {
            return offset;
        }

        Exception failure() {
            synchronized (Poll.this) {
                return failure;
            }
        }

        /** The route failed for this record. */
        void failed(Exception cause) {
            synchronized (Poll.this) {
                if (failure == null) {
                    failure = cause;
                }
            }
        }

        /** A send for this record is handed to the producer; false when the poll settled already (nothing waits for it). */
        boolean expectAcknowledgement() {
            synchronized (Poll.this) {
                if (!settled) {
                    unacknowledged++;
                }
                return !settled;
            }
        }

        /** The broker acknowledged a send for this record, or it failed (sendFailure not null). */
        void acknowledged(Exception sendFailure) {
            synchronized (Poll.this) {
                if (sendFailure != null && failure == null) {
                    failure = sendFailure;
                }
                if (--unacknowledged == 0) {
                    Poll.this.notifyAll();
                }
            }
        }
    }
}
