package org.arroyo.camel.broker.rabbitmq;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import org.arroyo.test.infra.RabbitMqBroker;
import org.awaitility.Awaitility;

/** The plain RabbitMQ Java client, outside Camel: sends, reads and cleans up queues for a test. */
final class AmqpClient implements AutoCloseable {

    /** A message as it sat in a queue. */
    record Delivery(byte[] body, Map<String, Object> headers, AMQP.BasicProperties properties) {
    }

    private final Connection connection;
    private final Channel channel;

    AmqpClient(RabbitMqBroker rabbitmq) throws Exception {
        connection = rabbitmq.rawConnection();
        channel = connection.createChannel();
        channel.confirmSelect();
    }

    void declareQueue(String queue) throws IOException {
        declareQueue(queue, null);
    }

    void declareQueue(String queue, Map<String, Object> arguments) throws IOException {
        channel.queueDeclare(queue, false, false, false, arguments);
    }

    /** Publishes to the default exchange with the queue as routing key, as python-workflows does, and waits for the confirms. */
    void send(String queue, List<byte[]> bodies) throws IOException, InterruptedException, TimeoutException {
        send(queue, bodies, new AMQP.BasicProperties.Builder().deliveryMode(2).build());
    }

    /** Publishes as {@link #send(String, List)} with these properties (null: none). */
    void send(String queue, List<byte[]> bodies, AMQP.BasicProperties properties)
            throws IOException, InterruptedException, TimeoutException {
        for (byte[] body : bodies) {
            channel.basicPublish("", queue, properties, body);
        }
        channel.waitForConfirmsOrDie(30_000);
    }

    long consumers(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getConsumerCount();
    }

    long messages(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    /** Consumes {@code count} messages from the queue, in order, acknowledging them. */
    List<Delivery> read(String queue, int count, Duration timeout) throws IOException {
        List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        String tag = channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                deliveries.add(new Delivery(body, properties.getHeaders() == null ? Map.of() : properties.getHeaders(), properties));
            }
        });
        try {
            Awaitility.await().atMost(timeout).until(() -> deliveries.size() >= count);
        } finally {
            channel.basicCancel(tag);
        }
        return List.copyOf(deliveries);
    }

    /** The next message in the queue, or null. */
    GetResponse get(String queue) throws IOException {
        return channel.basicGet(queue, true);
    }

    void deleteQueues(String... queues) throws IOException {
        for (String queue : queues) {
            channel.queueDelete(queue);
        }
    }

    void deleteExchange(String exchange) throws IOException {
        channel.exchangeDelete(exchange);
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
