package org.arroyo.camel.zocalo.activemq;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.arroyo.camel.zocalo.RecipeDelivery;
import org.arroyo.camel.zocalo.RecipeTransport;
import org.arroyo.camel.zocalo.ZocaloConstants;
import org.arroyo.camel.zocalo.strformat.PythonValues;
import org.springframework.jms.core.JmsTemplate;

/**
 * Recipe services on ActiveMQ, sending what python-workflows' STOMP transport sends: queues
 * persistent, topics not, headers as the text stomp.py makes of them ({@code workflows-recipe: True}),
 * a delay as {@code AMQ_SCHEDULED_DELAY} milliseconds, the JSON as the body's bytes (a JMS bytes
 * message reaches a STOMP peer with those bytes and a content-length). A batch is one local JMS
 * transaction: the broker holds all of it or none.
 */
final class JmsTransport implements RecipeTransport {

    private static final int DEFAULT_PRIORITY = Message.DEFAULT_PRIORITY;

    private final JmsTemplate template;
    private final ZocaloActiveMq names;
    private final String statusTopic;

    JmsTransport(JmsTemplate template, ZocaloActiveMq names, String statusTopic) {
        this.template = template;
        this.names = names;
        this.statusTopic = statusTopic;
    }

    @Override
    public void publish(List<RecipeDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        template.execute(session -> {
            try (MessageProducer producer = session.createProducer(null)) {
                for (RecipeDelivery delivery : deliveries) {
                    boolean queue = delivery.kind() == RecipeDelivery.Kind.QUEUE;
                    BytesMessage message = bytes(session, delivery.message().toJson(), delivery.headers());
                    if (delivery.delayed()) {
                        message.setLongProperty(ZocaloConstants.AMQ_SCHEDULED_DELAY, delivery.delay().toMillis());
                    }
                    producer.send(destination(session, delivery.kind(), delivery.destination()), message,
                            queue ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT, DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
                }
            }
            session.commit();
            return null;
        }, true);
    }

    @Override
    public void broadcastStatus(String report) {
        template.execute(session -> {
            try (MessageProducer producer = session.createProducer(session.createTopic(names.destination(statusTopic)))) {
                producer.send(bytes(session, report, Map.of()), DeliveryMode.NON_PERSISTENT, DEFAULT_PRIORITY,
                        STATUS_EXPIRATION.toMillis());
            }
            session.commit();
            return null;
        }, true);
    }

    private Destination destination(Session session, RecipeDelivery.Kind kind, String name) throws JMSException {
        String physical = names.destination(name);
        return kind == RecipeDelivery.Kind.QUEUE ? session.createQueue(physical) : session.createTopic(physical);
    }

    /** A bytes message of the UTF-8 text, with each header as the text Python's str() makes of it (as stomp.py sends). */
    static BytesMessage bytes(Session session, String text, Map<String, ?> headers) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, ?> header : headers.entrySet()) {
            message.setStringProperty(header.getKey(), PythonValues.str(header.getValue()));
        }
        return message;
    }
}
