package org.arroyo.camel.zocalo.rabbitmq;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import org.apache.camel.Exchange;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.arroyo.camel.zocalo.RecipeDelivery;
import org.arroyo.camel.zocalo.RecipeTransport;

/** Recipe services on RabbitMQ: confirmed batches as python-workflows' pika transport sends them, status on a fanout exchange. */
final class RabbitMqTransport implements RecipeTransport {

    private final RecipePublisher recipes;
    private final ConfirmedPublisher publisher;
    private final String statusTopic;

    RabbitMqTransport(RecipePublisher recipes, ConfirmedPublisher publisher, String statusTopic) {
        this.recipes = recipes;
        this.publisher = publisher;
        this.statusTopic = statusTopic;
    }

    @Override
    public void publish(List<RecipeDelivery> deliveries) {
        recipes.publish(deliveries);
    }

    @Override
    public void broadcastStatus(String report) {
        publisher.publish(List.of(new AmqpPublish(statusTopic, "", false, Map.of(), Long.toString(STATUS_EXPIRATION.toMillis()),
                report.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * If the consumer stopped while the operator worked, its channel closed and the broker put the
     * input back on the queue: publishing now would send the results twice.
     */
    @Override
    public void requireInputStillHeld(Exchange exchange) {
        Channel channel = exchange.getProperty(SpringRabbitMQConstants.CHANNEL, Channel.class);
        if (channel != null && !channel.isOpen()) {
            throw new IllegalStateException("the service lost its input channel while processing: the broker"
                    + " re-delivers the message, so its results are not published now");
        }
    }
}
