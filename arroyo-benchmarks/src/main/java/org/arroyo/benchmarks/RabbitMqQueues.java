package org.arroyo.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

/**
 * RabbitMQ through amqp-client, on queues reached through the default exchange (routing key = queue name), as Python
 * senders use them. The queues are declared as camel-spring-rabbitmq's listener declares its own (not durable, not
 * exclusive, not auto-deleted), so that the pipeline's listener finds them as it would make them.
 */
final class RabbitMqQueues implements BrokerClient {

    /** Unacknowledged messages a stage may hold: Spring AMQP's default, which the pipeline's listener uses. */
    private static final int PREFETCH = 250;
    private static final String DEFAULT_USER = "guest:guest";
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String unavailable(BrokerAddress server) {
        try (Connection connection = connect(server)) {
            return null;
        } catch (IOException | TimeoutException e) {
            return "RabbitMQ does not answer on " + server.hostPort() + " as " + user(server)[0] + ": " + e;
        }
    }

    @Override
    public void create(List<BrokerAddress> destinations) throws Exception {
        try (Connection connection = connect(destinations.get(0)); Channel channel = connection.createChannel()) {
            for (BrokerAddress queue : destinations) {
                channel.queueDeclare(queue.name(), false, false, false, null);
            }
        }
    }

    @Override
    public void delete(List<BrokerAddress> destinations) throws Exception {
        try (Connection connection = connect(destinations.get(0)); Channel channel = connection.createChannel()) {
            for (BrokerAddress queue : destinations) {
                channel.queueDelete(queue.name());
            }
        }
    }

    @Override
    public Outbox publisher(BrokerAddress to, BrokerAddress downstream) throws Exception {
        Connection connection = connect(to);
        Channel channel = connection.createChannel();
        channel.confirmSelect();
        // the messages ready in the queue; the stage holds up to PREFETCH more
        Backlog backlog = new Backlog(sent -> channel.messageCount(to.name()));
        return new Outbox() {
            @Override
            public void send(byte[] message) throws Exception {
                backlog.beforeSend();
                channel.basicPublish("", to.name(), null, message);
            }

            @Override
            public void flush() throws Exception {
                channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
            }

            @Override
            public void awaitDrained() throws Exception {
                backlog.awaitEmpty();
            }

            @Override
            public void close() throws IOException {
                connection.close();
            }
        };
    }

    @Override
    public Inbox subscriber(BrokerAddress from, Duration idleTimeout) throws Exception {
        Handoff inbox = new Handoff(idleTimeout);
        Connection connection = connect(from);
        Channel channel = connection.createChannel();
        channel.basicConsume(from.name(), true, (tag, delivery) -> inbox.put(delivery.getBody()), tag -> { });
        return inbox.fedBy(connection);
    }

    /**
     * Consumes on one channel and publishes with confirms on another; a message is acknowledged when the broker
     * confirmed its copy (at least once, as the pipeline). Confirms are handled as they come rather than awaited one by
     * one, as RabbitMQ advises for throughput.
     */
    @Override
    public Stage.Running relay(BrokerAddress in, BrokerAddress out) throws Exception {
        Connection connection = connect(in);
        Channel consuming = connection.createChannel();
        Channel publishing = connection.createChannel();
        publishing.confirmSelect();
        // each delivery is published once, in order, so delivery tag n and publish sequence number n are one message
        publishing.addConfirmListener((sequence, multiple) -> consuming.basicAck(sequence, multiple),
                (sequence, multiple) -> consuming.basicNack(sequence, multiple, true));
        consuming.basicQos(PREFETCH);
        consuming.basicConsume(in.name(), false, new DefaultConsumer(consuming) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                if (publishing.getNextPublishSeqNo() != envelope.getDeliveryTag()) {
                    throw new IllegalStateException("delivery " + envelope.getDeliveryTag() + " would be confirmed as publish "
                                                    + publishing.getNextPublishSeqNo());
                }
                publishing.basicPublish("", out.name(), properties, body);
            }
        });
        return connection::close;
    }

    @Override
    public String listenUri(BrokerAddress in) {
        return "spring-rabbitmq:default?queues=" + in.name();
    }

    @Override
    public String publishUri(BrokerAddress out) {
        return "spring-rabbitmq:default?routingKey=" + out.name();
    }

    @Override
    public Map<String, String> camelProperties(BrokerAddress server) {
        String[] user = user(server);
        return Map.of("arroyo.rabbitmq.uri", "amqp://" + user[0] + ":" + user[1] + "@" + server.hostPort());
    }

    private static Connection connect(BrokerAddress server) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(server.host());
        factory.setPort(server.port());
        String[] user = user(server);
        factory.setUsername(user[0]);
        factory.setPassword(user[1]);
        factory.setConnectionTimeout(5000);
        return factory.newConnection("arroyo-benchmarks");
    }

    /** User name and password. */
    private static String[] user(BrokerAddress server) {
        String[] user = (server.userInfo() == null ? DEFAULT_USER : server.userInfo()).split(":", 2);
        if (user.length != 2) {
            throw new IllegalArgumentException("a RabbitMQ address names USER:PASSWORD, got " + server);
        }
        return user;
    }
}
