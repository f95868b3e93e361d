package org.arroyo.camel.broker.rabbitmq;

import java.time.Duration;
import java.util.List;

import org.arroyo.test.Deliveries;
import org.arroyo.test.PipelineProcess;
import org.arroyo.test.infra.ChildJvm;
import org.arroyo.test.infra.RabbitMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A RabbitMQ pipeline killed with SIGKILL in the middle of a run and started again: the broker
 * gives the unacknowledged messages back, every message comes out, and only those published but
 * not yet acknowledged when the process died come twice.
 */
class RabbitMqCrashTest {

    @RegisterExtension
    static final RabbitMqBroker RABBITMQ = new RabbitMqBroker();

    private static final int EVENTS = 1500;
    /** Spring AMQP's default prefetch: the most messages a listener holds unacknowledged. */
    private static final int PREFETCH = 250;

    @Test
    void aPipelineKilledMidRunLosesNothingAndRepeatsAtMostItsUnacknowledgedMessages() throws Exception {
        String in = RABBITMQ.declareUniqueQueue("crash.frames");
        String out = RABBITMQ.declareUniqueQueue("crash.reduced");
        List<byte[]> sent = Deliveries.run("rabbitmq-crash", EVENTS);
        List<String> options = List.of("-Darroyo.rabbitmq.uri=amqp://guest:guest@" + RabbitMqBroker.HOST + ":" + RabbitMqBroker.PORT);
        String listener = "spring-rabbitmq:default?queues=" + in + "&autoDeclare=false";
        String publisher = "spring-rabbitmq:default?routingKey=" + out;

        try (AmqpClient amqp = new AmqpClient(RABBITMQ)) {
            amqp.send(in, sent);
            long publishedAtKill;
            try (ChildJvm pipeline = ChildJvm.start("rabbitmq-crash", PipelineProcess.class, options, listener, publisher, "2")) {
                pipeline.awaitOutput(PipelineProcess.STARTED, Duration.ofSeconds(60));
                await("a third of the run published").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> amqp.messages(out) >= EVENTS / 3);
                pipeline.kill();
                await("the killed listener's connection closed").atMost(Duration.ofSeconds(30)).until(() -> amqp.consumers(in) == 0);
                publishedAtKill = amqp.messages(out);
            }
            assertThat(publishedAtKill).as("killed mid-run").isLessThan(sent.size());
            // what was not acknowledged is back in the input queue
            assertThat(amqp.messages(in) + publishedAtKill).isGreaterThanOrEqualTo(sent.size());

            try (ChildJvm pipeline = ChildJvm.start("rabbitmq-crash", PipelineProcess.class, options, listener, publisher, "2")) {
                pipeline.awaitOutput(PipelineProcess.STARTED, Duration.ofSeconds(60));
                await("the input drained").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(() -> amqp.messages(in) == 0 && amqp.messages(out) >= sent.size());
                await("nothing more published").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                        .until(() -> amqp.messages(in) == 0);
            }
            assertThat(amqp.messages(in)).as("acknowledged, nothing came back at the second stop").isZero();

            int count = (int) amqp.messages(out);
            List<byte[]> received = amqp.read(out, count, Duration.ofSeconds(30)).stream().map(AmqpClient.Delivery::body).toList();
            Deliveries deliveries = Deliveries.of(sent, received);
            System.out.printf("RabbitMQ crash: killed with %d of %d messages published; after the restart %s%n",
                    publishedAtKill, sent.size(), deliveries);
            assertThat(deliveries.lost()).isEmpty();
            assertThat(deliveries.duplicates()).isLessThanOrEqualTo(PREFETCH);
        }
    }
}
