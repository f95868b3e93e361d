package org.arroyo.camel.broker.rabbitmq;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.test.Deliveries;
import org.arroyo.test.TestOperators;
import org.arroyo.test.infra.RabbitMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RabbitMQ killed with SIGKILL and started again under a running pipeline (durable queues,
 * persistent messages): the pipeline reconnects by itself and every message comes out; messages
 * whose acknowledgement the killed broker had not written yet come twice, and only those.
 */
class RabbitMqRestartTest {

    @RegisterExtension
    static final RabbitMqBroker RABBITMQ = RabbitMqBroker.ownServer();

    private static final int EVENTS = 1200;
    /** Spring AMQP's default prefetch: the most messages the listener holds unacknowledged. */
    private static final int PREFETCH = 250;

    @Test
    void aPipelineResumesByItselfAfterRabbitMqIsKilledAndRestartedAndLosesNothing() throws Exception {
        String in = RABBITMQ.declareQueue("restart.frames");
        String out = RABBITMQ.declareQueue("restart.reduced");
        List<byte[]> sent = Deliveries.run("rabbitmq-restart", EVENTS);
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("arroyo.rabbitmq.uri", RABBITMQ.uri());
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("restart").listen("spring-rabbitmq:default?queues=" + in + "&autoDeclare=false")
                        .operator(TestOperators.working(Duration.ofMillis(2))).publish("spring-rabbitmq:default?routingKey=" + out);
            }
        });

        try (AmqpClient amqp = new AmqpClient(RABBITMQ)) {
            amqp.send(in, sent);
        }
        try {
            context.start();
            await("a third of the run published").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> count(out) >= EVENTS / 3);
            RABBITMQ.kill();
            RABBITMQ.restart();
            long back = System.nanoTime();
            long publishedAtRestart = count(out);
            await("publishing again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> count(out) > publishedAtRestart);
            long resumeMillis = (System.nanoTime() - back) / 1_000_000;
            // the repeated messages reach the count of the run early: the input is drained when nothing more is published
            AtomicLong published = new AtomicLong(-1);
            await("the input drained").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> count(in) == 0 && count(out) >= sent.size() && published.getAndSet(count(out)) == published.get());
            context.stop();

            try (AmqpClient amqp = new AmqpClient(RABBITMQ)) {
                assertThat(amqp.messages(in)).as("acknowledged, nothing came back when the pipeline stopped").isZero();
                List<byte[]> received = amqp.read(out, (int) amqp.messages(out), Duration.ofSeconds(30)).stream()
                        .map(AmqpClient.Delivery::body).toList();
                Deliveries deliveries = Deliveries.of(sent, received);
                System.out.printf("RabbitMQ restarted: %d messages published when it came back, publishing again %d ms later; %s%n",
                        publishedAtRestart, resumeMillis, deliveries);
                assertThat(publishedAtRestart).as("restarted mid-run").isLessThan(sent.size());
                assertThat(deliveries.lost()).isEmpty();
                // a killed broker may forget the acknowledgements of everything published before it died, and the
                // listener may hold its prefetch unacknowledged; an acknowledgement sent to the reconnected channel for a
                // delivery of the dead one ("unknown delivery tag") would close it and repeat messages processed after
                // the restart too
                assertThat(deliveries.duplicates()).isLessThanOrEqualTo(Math.toIntExact(publishedAtRestart) + PREFETCH);
            }
        } finally {
            context.stop();
        }
    }

    private static long count(String queue) throws Exception {
        try (AmqpClient amqp = new AmqpClient(RABBITMQ)) {
            return amqp.messages(queue);
        }
    }
}
