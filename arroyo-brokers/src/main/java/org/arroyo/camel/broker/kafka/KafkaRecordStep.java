package org.arroyo.camel.broker.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.broker.ArroyoBrokerConstants;
import org.arroyo.camel.broker.HeaderOverlay;
import org.arroyo.camel.broker.PublishStep;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;

/**
 * For each Arroyo message sent to Kafka (an {@link ArroyoMessage} body, or msgpack bytes that decode
 * to one; the record value stays the msgpack bytes), for the duration of the send:
 * <ul>
 * <li>header {@value ArroyoConstants#MESSAGE_TYPE}: {@code start}, {@code event} or {@code stop};</li>
 * <li>header {@value ArroyoBrokerConstants#RUN_ID} and, unless the exchange has a {@code kafka.KEY} already, the
 *     record key: the run id, so one run stays in one partition, in order. The run id is the
 *     message's own {@value #RUN_ID_FIELD} field, else header {@value ArroyoBrokerConstants#RUN_ID}, else for events
 *     and stops the run id of the last start that came from the same route;</li>
 * <li>header {@value ArroyoBrokerConstants#METADATA_PREFIX}{@code NAME} for each top-level text, number or boolean field
 *     of an event's metadata, as text.</li>
 * </ul>
 * Other bodies are sent as camel-kafka sends them. The send of a record that an {@code arroyo:kafka:} listener polled
 * does not wait for the broker's acknowledgement: the listener does, before it commits ({@link PollRecordProducer}).
 */
public final class KafkaRecordStep implements PublishStep {

    static final String RUN_ID_FIELD = "run_id";

    /** The run id of each route's current run (key: the route the exchange came from). */
    private final Map<String, String> runOfRoute = new ConcurrentHashMap<>();

    static boolean isArroyoHeader(String name) {
        return name.equals(ArroyoConstants.MESSAGE_TYPE) || name.equals(ArroyoBrokerConstants.RUN_ID)
                || name.startsWith(ArroyoBrokerConstants.METADATA_PREFIX);
    }

    @Override
    public Runnable prepare(Exchange exchange) {
        Message message = exchange.getMessage();
        ArroyoMessage arroyo = arroyoBody(exchange);
        if (arroyo == null) {
            return () -> { };
        }
        HeaderOverlay overlay = new HeaderOverlay(message).set(ArroyoConstants.MESSAGE_TYPE, arroyo.type().wireName());
        overlay.removeStartingWith(ArroyoBrokerConstants.METADATA_PREFIX);
        if (arroyo instanceof Event event) {
            event.metadata().forEach((name, value) -> {
                if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                    overlay.set(ArroyoBrokerConstants.METADATA_PREFIX + name, value.toString());
                }
            });
        }
        String runId = runId(exchange, arroyo);
        if (runId != null) {
            overlay.set(ArroyoBrokerConstants.RUN_ID, runId);
            if (message.getHeader(KafkaConstants.KEY) == null) {
                overlay.set(KafkaConstants.KEY, runId);
            }
        }
        return overlay::restore;
    }

    private static ArroyoMessage arroyoBody(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof ArroyoMessage message) {
            return message;
        }
        // msgpack bytes count when they decode to a message; other bytes and bodies go as camel-kafka sends them
        return body instanceof byte[] ? exchange.getContext().getTypeConverter().tryConvertTo(ArroyoMessage.class, exchange, body)
                : null;
    }

    private String runId(Exchange exchange, ArroyoMessage message) {
        String route = Objects.requireNonNullElse(exchange.getFromRouteId(), "");
        Object own = fields(message).get(RUN_ID_FIELD);
        Object header = exchange.getMessage().getHeader(ArroyoBrokerConstants.RUN_ID);
        String runId = own != null ? own.toString() : header != null ? header.toString() : null;
        if (message instanceof Start) {
            if (runId == null) {
                runOfRoute.remove(route);
            } else {
                runOfRoute.put(route, runId);
            }
            return runId;
        }
        return runId != null ? runId : runOfRoute.get(route);
    }

    private static Map<String, Object> fields(ArroyoMessage message) {
        if (message instanceof Start start) {
            return start.data();
        }
        return message instanceof Event event ? event.metadata() : ((Stop) message).data();
    }
}
