package org.arroyo.camel.broker.kafka;

import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route of an {@code arroyo:kafka:} listener, as camel-kafka's consumer calls it for each record, one after the
 * other in the poll's thread: the route's kafka publishers hand their sends to the producer without waiting for the
 * acknowledgement ({@link PollRecordProducer}), so the records of a poll are published together, as a kafka-clients loop
 * would. At the last record of a partition in the poll (or at a failure, or when the consumer stops) it waits for
 * every acknowledgement and commits: all of the poll's records of that partition, or those before the first one that
 * failed. That failure goes back to camel-kafka, which reads again from the committed offset
 * ({@code breakOnFirstError}); the failed record then goes through alone, so that while it keeps failing the records
 * after it are not published again and again.
 */
final class PollListener implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PollListener.class);

    private final Processor route;
    /** What each poll thread (see consumersCount) has not committed yet, and where it failed last. */
    private final ThreadLocal<PollThread> threads = ThreadLocal.withInitial(PollThread::new);
    private ServiceSupport consumer;

    private static final class PollThread {
        private Poll poll;
        private RecordOffset failedAt;
    }

    private PollListener(Processor route) {
        this.route = route;
    }

    /** camel-kafka's consumer of the endpoint (configured with {@link RecordOffset.Factory}), calling the route through a listener. */
    static Consumer createConsumer(KafkaEndpoint endpoint, Processor route) throws Exception {
        PollListener listener = new PollListener(route);
        Consumer consumer = endpoint.createConsumer(listener);
        listener.consumer = (ServiceSupport) consumer;
        return consumer;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        // offsets are committed here, not by the route
        RecordOffset offset = message.getHeader(KafkaConstants.MANUAL_COMMIT, RecordOffset.class);
        message.removeHeader(KafkaConstants.MANUAL_COMMIT);
        boolean lastOfPartition = message.getHeader(KafkaConstants.LAST_RECORD_BEFORE_COMMIT, false, Boolean.class);
        PollThread thread = threads.get();
        if (thread.poll == null || !thread.poll.continuedBy(offset)) {
            // a poll left unsettled (its consumer stopped before its end) is never committed: its records come again
            thread.poll = new Poll();
        }
        Poll.Record record = thread.poll.add(offset);
        exchange.setProperty(Poll.RECORD, record);
        try {
            route.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        exchange.removeProperty(Poll.RECORD);
        if (exchange.getException() != null) {
            record.failed(exchange.getException());
        }
        boolean retried = thread.failedAt != null && thread.failedAt.samePosition(offset);
        if (lastOfPartition || retried || exchange.getException() != null || consumer.isStopping()) {
            Poll poll = thread.poll;
            thread.poll = null;
            settle(poll, exchange, thread);
        }
    }

    private static void settle(Poll poll, Exchange exchange, PollThread thread) {
        try {
            Poll.Record failed = poll.settle();
            if (failed == null) {
                thread.failedAt = null;
                return;
            }
            RecordOffset offset = failed.offset();
            if (failed.failure() != exchange.getException()) {
                // one line per record not taken, not one per attempt
                boolean again = thread.failedAt != null && thread.failedAt.samePosition(offset);
                String line = "{}: the record at offset {} of {} was not taken by a publisher: {}; reading again from it";
                if (again) {
                    LOG.debug(line, exchange.getFromRouteId(), offset.offset(), offset.partition(), failed.failure().toString());
                } else {
                    LOG.warn(line, exchange.getFromRouteId(), offset.offset(), offset.partition(), failed.failure().toString());
                }
                if (exchange.getException() == null) {
                    exchange.setException(failed.failure());
                }
            }
            thread.failedAt = offset;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.setException(e);
        } catch (RuntimeException e) {
            // a commit that failed (e.g. the partition was reassigned meanwhile): the records come again
            exchange.setException(e);
        }
    }
}
