package org.arroyo.camel.zocalo.rabbitmq;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ReturnListener;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.ChannelCallback;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes a batch of messages on one channel and returns only when the broker confirmed all
 * of them; a message the broker could not route (mandatory, returned) or a negative or missing
 * confirm fails the whole batch. The connection factory must use simple publisher confirms.
 */
final class ConfirmedPublisher {

    private static final int PERSISTENT = 2;

    private final RabbitTemplate template;
    private final long confirmTimeoutMillis;

    ConfirmedPublisher(ConnectionFactory connectionFactory, Duration confirmTimeout) {
        if (!connectionFactory.isSimplePublisherConfirms()) {
            throw new IllegalArgumentException("the RabbitMQ connection factory must use publisher confirms:"
                    + " CachingConnectionFactory.setPublisherConfirmType(ConfirmType.SIMPLE)");
        }
        this.template = new RabbitTemplate(connectionFactory);
        this.confirmTimeoutMillis = confirmTimeout.toMillis();
    }

    void publish(List<AmqpPublish> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<String> returned = execute(channel -> {
            Queue<String> returns = new ConcurrentLinkedQueue<>();
            ReturnListener listener = (code, text, exchange, routingKey, properties, body) ->
                    returns.add("exchange '" + exchange + "' key '" + routingKey + "': " + text);
            channel.addReturnListener(listener);
            try {
                for (AmqpPublish publish : batch) {
                    channel.basicPublish(publish.exchange(), publish.routingKey(), publish.mandatory(), properties(publish),
                            publish.body());
                }
                waitForConfirms(channel, batch.size());
            } finally {
                channel.removeReturnListener(listener);
            }
            return new ArrayList<>(returns);
        });
        if (!returned.isEmpty()) {
            throw new UnroutableMessageException("the broker could not route " + String.join("; ", returned)
                    + " (does the queue exist?)");
        }
    }

    /** Runs {@code action} on a pooled channel of the connection factory. */
    <T> T execute(ChannelCallback<T> action) {
        return template.execute(action);
    }

    private void waitForConfirms(Channel channel, int count) throws IOException, InterruptedException {
        try {
            channel.waitForConfirmsOrDie(confirmTimeoutMillis);
        } catch (TimeoutException e) {
            throw new AmqpException("the broker did not confirm " + count + " messages within " + confirmTimeoutMillis + " ms", e);
        }
    }

    private static AMQP.BasicProperties properties(AmqpPublish publish) {
        return new AMQP.BasicProperties.Builder()
                .deliveryMode(PERSISTENT)
                .headers(publish.headers())
                .expiration(publish.expiration())
                .build();
    }

    /** The broker returned a mandatory message: nothing would have received it. */
    static final class UnroutableMessageException extends AmqpException {

        UnroutableMessageException(String message) {
            super(message);
        }
    }
}
