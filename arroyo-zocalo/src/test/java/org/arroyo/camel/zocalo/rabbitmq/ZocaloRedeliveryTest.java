package org.arroyo.camel.zocalo.rabbitmq;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.arroyo.camel.zocalo.Recipe;
import org.arroyo.test.infra.RabbitMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A service stopped in the middle of a message loses nothing and sends nothing twice. */
class ZocaloRedeliveryTest {

    @RegisterExtension
    static final RabbitMqBroker BROKER = new RabbitMqBroker();

    @RegisterExtension
    final ZocaloFixture fixture = new ZocaloFixture(BROKER);

    @Test
    void messageOfAServiceStoppedMidMessageIsRedeliveredAndSentOnOnce() throws Exception {
        String input = BROKER.declareUniqueQueue("zocalo.input");
        String left = BROKER.declareUniqueQueue("zocalo.left");
        String right = BROKER.declareUniqueQueue("zocalo.right");
        Recipe recipe = Recipe.parse("""
                {"1": {"queue": "%s", "output": [2, 3]}, "2": {"queue": "%s"}, "3": {"queue": "%s"},
                 "start": [[1, {"frame": 17}]]}""".formatted(input, left, right));
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch firstAttemptSent = new CountDownLatch(1);
        CountDownLatch crashDone = new CountDownLatch(1);
        fixture.startService(input, "service", step -> {
            step.send(Map.of("frame", step.payload(Map.class).get("frame"), "attempt", attempts.incrementAndGet()));
            if (attempts.get() == 1) {
                firstAttemptSent.countDown();
                crashDone.await(30, TimeUnit.SECONDS);
            }
        });

        fixture.startRecipe(recipe, Map.of("ID", "redelivery"));
        assertThat(firstAttemptSent.await(20, TimeUnit.SECONDS)).isTrue();
        fixture.context.getRouteController().stopRoute("service", 1, TimeUnit.SECONDS);
        await("the unacknowledged input is back on its queue").atMost(ZocaloFixture.TIMEOUT).until(() -> fixture.count(input) == 1);
        crashDone.countDown();
        await("the stopped attempt sends nothing").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> fixture.count(left) + fixture.count(right) == 0);

        fixture.context.getRouteController().startRoute("service");

        for (String output : List.of(left, right)) {
            ZocaloFixture.Received received = fixture.next(output);
            assertThat(received.message().payload()).isEqualTo(Map.of("frame", 17L, "attempt", 2L));
            assertThat(received.message().path()).containsExactly(1L);
        }
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> fixture.count(input) + fixture.count(left) + fixture.count(right) == 0);
        assertThat(attempts).hasValue(2);
    }
}
