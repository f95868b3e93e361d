package org.arroyo.camel.broker.kafka;

import java.util.Iterator;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.component.kafka.KafkaProducer;

/**
 * camel-kafka's producer, except for the exchange of a record that an {@code arroyo:kafka:} listener polled and has
 * not settled yet ({@link Poll}): camel-kafka builds its record as usual, the send goes to the Kafka client without
 * waiting, and the exchange goes on at once. The acknowledgement, or the failure, only counts for the poll, on the
 * client's own thread: no copy of the exchange for it to land on, no hand-off to a worker pool to continue a route
 * that went on already. Other exchanges (no such record, a poll settled already, a body sent as several records) are
 * sent as camel-kafka sends them, and go on once the broker acknowledged them.
 */
final class PollRecordProducer extends KafkaProducer {

    PollRecordProducer(KafkaEndpoint endpoint) {
        super(endpoint);
    }

    /** Whether this producer can send a polled record without waiting: not transactional, not synchronous. */
    static boolean applies(KafkaEndpoint endpoint) {
        KafkaConfiguration configuration = endpoint.getConfiguration();
        return !configuration.isSynchronous() && !configuration.isTransacted()
                && !configuration.getAdditionalProperties().containsKey("transactional.id");
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Poll.Record record = exchange.getProperty(Poll.RECORD, Poll.Record.class);
        if (record == null || severalRecords(exchange) || !record.expectAcknowledgement()) {
            return super.process(exchange, callback);
        }
        try {
            getKafkaProducer().send(createRecord(exchange, exchange.getMessage()), (metadata, failure) -> record.acknowledged(failure));
        } catch (Exception e) {
            // refused before it was sent (e.g. a body that does not convert): the route fails for this record
            record.acknowledged(null);
            exchange.setException(e);
        }
        callback.done(true);
        return true;
    }

    private boolean severalRecords(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        return getEndpoint().getConfiguration().isUseIterator() && (body instanceof Iterable || body instanceof Iterator);
    }
}
