package org.arroyo.camel.zocalo.rabbitmq;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.zocalo.RecipeDelivery;
import org.arroyo.camel.zocalo.ZocaloConstants;
import com.rabbitmq.client.ShutdownSignalException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.RabbitUtils;

/**
 * Turns recipe deliveries into AMQP publishes as python-workflows' pika transport does (queues
 * through the default exchange or the node's {@code exchange} with routing key = queue, topics
 * to the exchange named by the topic) and publishes them, confirmed, as one batch.
 * <p>
 * A {@code transport-delay} goes through the delayed-message exchange ({@code x-delay} header)
 * when the broker has one by that name; otherwise through a holding queue per destination and
 * delay whose messages expire into the destination queue (message TTL + dead-lettering).
 */
final class RecipePublisher {

    static final String HOLDING_QUEUE_PREFIX = "arroyo.delay.";
    /** A holding queue outlives its last use by this long, then the broker removes it. */
    private static final long HOLDING_QUEUE_GRACE_MILLIS = 60_000;

    private final ConfirmedPublisher publisher;
    private final String delayedExchange;
    private volatile Boolean delayedExchangeExists;

    RecipePublisher(ConfirmedPublisher publisher, String delayedExchange) {
        this.publisher = publisher;
        this.delayedExchange = delayedExchange;
    }

    void publish(List<RecipeDelivery> deliveries) {
        publisher.publish(deliveries.stream().map(this::toPublish).toList());
    }

    private AmqpPublish toPublish(RecipeDelivery delivery) {
        byte[] body = delivery.message().toJson().getBytes(StandardCharsets.UTF_8);
        Map<String, Object> headers = new LinkedHashMap<>(delivery.headers());
        if (delivery.kind() == RecipeDelivery.Kind.TOPIC) {
            if (delivery.delayed()) {
                throw new IllegalArgumentException("node " + delivery.message().pointer() + " delays a broadcast to topic "
                        + delivery.destination() + ": transport-delay applies to queues only (as in python-workflows)");
            }
            return new AmqpPublish(delivery.destination(), "", false, headers, null, body);
        }
        String queue = delivery.destination();
        if (!delivery.delayed()) {
            return new AmqpPublish(delivery.exchange() == null ? "" : delivery.exchange(), queue, true, headers, null, body);
        }
        long millis = delivery.delay().toMillis();
        if (hasDelayedExchange()) {
            headers.put(ZocaloConstants.X_DELAY, millis <= Integer.MAX_VALUE ? (Object) (int) millis : (Object) millis);
            return new AmqpPublish(delayedExchange, queue, false, headers, null, body);
        }
        return new AmqpPublish("", holdingQueue(queue, millis), true, headers, null, body);
    }

    private boolean hasDelayedExchange() {
        if (delayedExchangeExists == null) {
            delayedExchangeExists = exists(channel -> channel.exchangeDeclarePassive(delayedExchange));
        }
        return delayedExchangeExists;
    }

    /** Declares (and so keeps alive) the queue whose messages expire into {@code queue} after {@code millis}. */
    private String holdingQueue(String queue, long millis) {
        if (!exists(channel -> channel.queueDeclarePassive(queue))) {
            throw new ConfirmedPublisher.UnroutableMessageException("cannot delay a message for queue " + queue
                    + ": the queue does not exist");
        }
        String name = HOLDING_QUEUE_PREFIX + queue + "." + millis;
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("x-message-ttl", millis);
        arguments.put("x-dead-letter-exchange", "");
        arguments.put("x-dead-letter-routing-key", queue);
        arguments.put("x-expires", millis + HOLDING_QUEUE_GRACE_MILLIS);
        publisher.execute(channel -> channel.queueDeclare(name, true, false, false, arguments));
        return name;
    }

    private boolean exists(PassiveDeclaration declaration) {
        try {
            publisher.execute(channel -> {
                declaration.declare(channel);
                return null;
            });
            return true;
        } catch (AmqpException e) {
            if (isNotFound(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Whether the broker closed the channel because a passive declaration found nothing. */
    private static boolean isNotFound(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ShutdownSignalException signal) {
                return RabbitUtils.isPassiveDeclarationChannelClose(signal);
            }
        }
        return false;
    }

    @FunctionalInterface
    private interface PassiveDeclaration {
        void declare(com.rabbitmq.client.Channel channel) throws Exception;
    }
}
