package org.arroyo.test.infra;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.broker.region.Destination;
import org.apache.activemq.broker.region.policy.IndividualDeadLetterStrategy;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.command.ActiveMQQueue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * ActiveMQ Classic for one test class, embedded in the test JVM (nothing to install): a STOMP
 * connector (as python-workflows' StompTransport and stomp.py reach it) and an OpenWire connector
 * (as JMS clients do), both on free ports of 127.0.0.1; scheduler support on (python-workflows
 * delays with {@code AMQ_SCHEDULED_DELAY}); a message that fails on queue {@code Q} goes to
 * {@code DLQ.Q}, the individual dead-letter strategy Zocalo configures. Nothing is persisted.
 *
 * <pre>{@code @RegisterExtension static final ActiveMqBroker ACTIVEMQ = new ActiveMqBroker();}</pre>
 */
public final class ActiveMqBroker implements BeforeAllCallback, AfterAllCallback {

    public static final String HOST = "127.0.0.1";
    public static final String DEAD_LETTER_PREFIX = "DLQ.";

    private BrokerService broker;
    private URI stomp;
    private URI openWire;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        broker = new BrokerService();
        broker.setBrokerName("arroyo-test-" + UUID.randomUUID());
        broker.setPersistent(false);
        broker.setUseJmx(false);
        broker.setSchedulerSupport(true);
        broker.setDestinationPolicy(deadLettersPerQueue());
        TransportConnector stompConnector = broker.addConnector("stomp://" + HOST + ":0");
        TransportConnector openWireConnector = broker.addConnector("tcp://" + HOST + ":0");
        broker.start();
        broker.waitUntilStarted();
        stomp = stompConnector.getConnectUri();
        openWire = openWireConnector.getConnectUri();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (broker != null) {
            broker.stop();
            broker.waitUntilStopped();
        }
    }

    private static PolicyMap deadLettersPerQueue() {
        IndividualDeadLetterStrategy deadLetters = new IndividualDeadLetterStrategy();
        deadLetters.setQueuePrefix(DEAD_LETTER_PREFIX);
        deadLetters.setUseQueueForQueueMessages(true);
        PolicyEntry policy = new PolicyEntry();
        policy.setDeadLetterStrategy(deadLetters);
        PolicyMap policies = new PolicyMap();
        policies.setDefaultEntry(policy);
        return policies;
    }

    /** The port of the STOMP connector on {@link #HOST}. */
    public int stompPort() {
        return stomp.getPort();
    }

    /** The OpenWire address for JMS clients, {@code tcp://127.0.0.1:PORT}. */
    public String openWireUrl() {
        return "tcp://" + HOST + ":" + openWire.getPort();
    }

    /** A name no other test uses. */
    public String uniqueName(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    /** How many messages queue {@code name} holds (0 for a queue that does not exist yet). */
    public long count(String queue) throws Exception {
        Destination destination = broker.getDestination(new ActiveMQQueue(queue));
        return destination == null ? 0 : destination.getDestinationStatistics().getMessages().getCount();
    }

    /** The next message of {@code queue}, taken off it with a plain JMS client; fails after {@code timeout}. */
    public Message next(String queue, Duration timeout) throws JMSException {
        try (Connection connection = new ActiveMQConnectionFactory(openWireUrl()).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            Message message = consumer.receive(timeout.toMillis());
            if (message == null) {
                throw new AssertionError("no message on queue " + queue + " within " + timeout);
            }
            return message;
        }
    }

    /** The body of a bytes message (as STOMP peers and JMS services send), as UTF-8 text. */
    public static String text(Message message) throws JMSException {
        BytesMessage bytes = (BytesMessage) message;
        byte[] body = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(body);
        return new String(body, StandardCharsets.UTF_8);
    }
}
