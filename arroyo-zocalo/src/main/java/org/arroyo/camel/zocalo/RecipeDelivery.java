package org.arroyo.camel.zocalo;

import java.time.Duration;
import java.util.Map;

/**
 * One message a step sends: to a queue or broadcast on a topic, through the node's
 * {@code exchange} if it names one, after a delay ({@link Duration#ZERO} for none), with the
 * AMQP headers (always {@code workflows-recipe: true}) and the recipe message as body.
 */
public record RecipeDelivery(Kind kind, String destination, String exchange, Duration delay,
        Map<String, Object> headers, RecipeMessage message) {

    /** Queue: the default exchange (or the node's), routing key = queue. Topic: the exchange of that name. */
    public enum Kind {
        QUEUE, TOPIC
    }

    public RecipeDelivery {
        headers = Map.copyOf(headers);
    }

    public boolean delayed() {
        return !delay.isZero();
    }
}
