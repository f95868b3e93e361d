package org.arroyo.camel.zocalo;

import java.time.Duration;
import java.util.List;

import org.apache.camel.Exchange;

/**
 * What a {@link RecipeService} needs from a broker: publishing a step's deliveries, all or none,
 * and broadcasting the service's status. One recipe runtime, one implementation per broker.
 */
public interface RecipeTransport {

    /** How long a status broadcast lives, as workflows services send it. */
    Duration STATUS_EXPIRATION = Duration.ofSeconds(15);

    /** Sends every delivery, returning only once the broker holds all of them; fails otherwise. */
    void publish(List<RecipeDelivery> deliveries);

    /** Broadcasts one status report (JSON) on the status topic, expiring after {@link #STATUS_EXPIRATION}. */
    void broadcastStatus(String report);

    /**
     * Fails when the input of {@code exchange} went back to the broker while the operator ran (its
     * consumer stopped), so that its results are not sent twice.
     */
    default void requireInputStillHeld(Exchange exchange) {
    }
}
