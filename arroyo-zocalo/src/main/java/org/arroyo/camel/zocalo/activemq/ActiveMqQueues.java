package org.arroyo.camel.zocalo.activemq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.command.ActiveMQDestination;
import org.apache.activemq.command.ActiveMQMessage;
import org.arroyo.camel.zocalo.DeadLetterFile;
import org.arroyo.camel.zocalo.ZocaloConstants;
import org.arroyo.camel.zocalo.ZocaloQueues;

/**
 * Zocalo's operator tools on ActiveMQ. A dead letter's file holds the headers a STOMP peer sees
 * ({@code message-id}, {@code destination}, {@code original-destination}, {@code timestamp}, ...,
 * then the message's own), as {@code zocalo.dlq_purge} writes them; re-injection sends it back
 * to its {@code original-destination} without the broker's headers, marked
 * {@link ZocaloConstants#DLQ_REINJECTED dlq-reinjected}.
 */
public final class ActiveMqQueues implements ZocaloQueues {

    /** The broker's headers of a delivery, not the message's: zocalo.dlq_reinject's list, and what the broker adds. */
    private static final Set<String> BROKER_HEADERS = Set.of("content-length", "destination", "expires", "message-id",
            "original-destination", "originalExpiration", "subscription", "timestamp", "redelivered", "persistent", "priority",
            "dlqDeliveryFailureCause");
    private static final long RECEIVE_MILLIS = 500;

    private final ConnectionFactory connectionFactory;
    private final ZocaloActiveMq names;

    ActiveMqQueues(ConnectionFactory connectionFactory, ZocaloActiveMq names) {
        this.connectionFactory = connectionFactory;
        this.names = names;
    }

    /** {@code DLQ.<namespace>.<queue>}, as Zocalo configures ActiveMQ's individual dead-letter strategy. */
    @Override
    public String deadLetterQueue(String queue) {
        return "DLQ." + names.destination(queue);
    }

    @Override
    public long count(String brokerQueue) {
        return inSession(false, session -> {
            try (QueueBrowser browser = session.createBrowser(session.createQueue(brokerQueue))) {
                return (long) Collections.list(browser.getEnumeration()).size();
            }
        });
    }

    @Override
    public List<Path> export(String brokerQueue, Path directory) {
        return inSession(true, session -> {
            List<Path> files = new ArrayList<>();
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(brokerQueue))) {
                for (Message message = consumer.receive(RECEIVE_MILLIS); message != null; message = consumer.receive(RECEIVE_MILLIS)) {
                    try {
                        files.add(new DeadLetterFile(header(message), body(message))
                                .write(directory, Instant.ofEpochMilli(message.getJMSTimestamp()), message.getJMSMessageID()));
                    } catch (IOException | RuntimeException e) {
                        session.rollback();
                        throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
                    }
                    session.commit();
                }
            }
            return files;
        });
    }

    @Override
    public void reinject(Path file, String destination) {
        DeadLetterFile dead = DeadLetterFile.read(file);
        String original = String.valueOf(dead.header().getOrDefault("original-destination", dead.header().get("destination")));
        String[] parts = original.split("/", 3);
        if (parts.length != 3 || !(parts[1].equals("queue") || parts[1].equals("topic"))) {
            throw new IllegalArgumentException(file + " names no /queue/ or /topic/ it died on: " + original);
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        dead.header().forEach((name, value) -> {
            if (!BROKER_HEADERS.contains(name)) {
                headers.put(name, value);
            }
        });
        headers.put(ZocaloConstants.DLQ_REINJECTED, "True");
        boolean queue = parts[1].equals("queue");
        String target = destination != null ? names.destination(destination) : parts[2];
        inSession(true, session -> {
            send(session, queue ? session.createQueue(target) : session.createTopic(target), headers, dead.body(), queue);
            session.commit();
            return null;
        });
    }

    @Override
    public void send(String queue, Map<String, Object> headers, byte[] body) {
        inSession(true, session -> {
            send(session, session.createQueue(names.destination(queue)), headers, body, true);
            session.commit();
            return null;
        });
    }

    /** Moves the messages one by one, each in one transaction: taken off {@code source} as it is put on {@code destination}. */
    @Override
    public long drain(String source, String destination) {
        return inSession(true, session -> {
            long moved = 0;
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(names.destination(source)));
                    MessageProducer producer = session.createProducer(session.createQueue(names.destination(destination)))) {
                for (Message message = consumer.receive(RECEIVE_MILLIS); message != null; message = consumer.receive(RECEIVE_MILLIS)) {
                    producer.send(message, message.getJMSDeliveryMode(), message.getJMSPriority(), Message.DEFAULT_TIME_TO_LIVE);
                    session.commit();
                    moved++;
                }
            }
            return moved;
        });
    }

    private static void send(Session session, jakarta.jms.Destination destination, Map<String, Object> headers, byte[] body,
            boolean persistent) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(body);
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            message.setStringProperty(header.getKey(), String.valueOf(header.getValue()));
        }
        try (MessageProducer producer = session.createProducer(destination)) {
            producer.send(message, persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT, Message.DEFAULT_PRIORITY,
                    Message.DEFAULT_TIME_TO_LIVE);
        }
    }

    /** The headers a STOMP subscriber receives with the message, as text. */
    private static Map<String, Object> header(Message message) throws JMSException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("message-id", message.getJMSMessageID());
        header.put("destination", stompName(message.getJMSDestination()));
        if (message instanceof ActiveMQMessage amq && amq.getOriginalDestination() != null) {
            header.put("original-destination", stompName(amq.getOriginalDestination()));
        }
        header.put("timestamp", Long.toString(message.getJMSTimestamp()));
        header.put("expires", Long.toString(message.getJMSExpiration()));
        header.put("priority", Integer.toString(message.getJMSPriority()));
        header.put("persistent", Boolean.toString(message.getJMSDeliveryMode() == DeliveryMode.PERSISTENT));
        for (Enumeration<?> properties = message.getPropertyNames(); properties.hasMoreElements(); ) {
            String name = (String) properties.nextElement();
            header.put(name, String.valueOf(message.getObjectProperty(name)));
        }
        return header;
    }

    private static String stompName(jakarta.jms.Destination destination) throws JMSException {
        if (destination instanceof Queue queue) {
            return "/queue/" + queue.getQueueName();
        }
        return "/topic/" + ((ActiveMQDestination) destination).getPhysicalName();
    }

    private static byte[] body(Message message) throws JMSException {
        if (message instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            return body;
        } else if (message instanceof TextMessage text) {
            return text.getText() == null ? new byte[0] : text.getText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("message " + message.getJMSMessageID() + " is a " + message.getClass().getSimpleName()
                + ", not text or bytes as STOMP peers send");
    }

    private <T> T inSession(boolean transacted, SessionWork<T> work) {
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            try (Session session = connection.createSession(transacted, transacted ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE)) {
                return work.run(session);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("ActiveMQ: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SessionWork<T> {
        T run(Session session) throws JMSException;
    }
}
