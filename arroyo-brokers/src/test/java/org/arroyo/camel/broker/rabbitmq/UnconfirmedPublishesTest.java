package org.arroyo.camel.broker.rabbitmq;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The row of a channel's unconfirmed publishes hands each delivery to exactly one confirm, failure or channel end. */
class UnconfirmedPublishesTest {

    /** Deliveries on a channel that is never written to: nothing here settles them. */
    private final Acknowledgements acknowledgements = new Acknowledgements(null, settled -> { });
    private final UnconfirmedPublishes row = new UnconfirmedPublishes();
    private final List<Delivery> published = new ArrayList<>();

    private void publish(long sequence) {
        Delivery delivery = new Delivery(acknowledgements, sequence);
        published.add(delivery);
        row.add(sequence, delivery);
    }

    @Test
    void confirmsOfOneOrOfSeveralTakeTheirPublishesOnce() {
        for (long sequence = 1; sequence <= 6; sequence++) {
            publish(sequence);
        }

        assertThat(row.confirmed(3, false)).as("one out of order").containsExactly(published.get(2));
        assertThat(row.confirmed(4, true)).as("up to 4").containsExactly(published.get(0), published.get(1), published.get(3));
        assertThat(row.confirmed(4, true)).isEmpty();
        assertThat(row.remove(6)).as("a failed publish taken back").isTrue();
        assertThat(row.remove(6)).isFalse();
        assertThat(row.takeAll()).as("left when the channel closes").containsExactly(published.get(4));
        assertThat(row.confirmed(5, false)).isEmpty();
    }
}
