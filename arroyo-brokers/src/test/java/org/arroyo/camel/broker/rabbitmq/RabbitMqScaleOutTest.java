package org.arroyo.camel.broker.rabbitmq;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.arroyo.test.Deliveries;
import org.arroyo.test.PipelineProcess;
import org.arroyo.test.infra.ChildJvm;
import org.arroyo.test.infra.RabbitMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out on RabbitMQ (docs/deployment.md): two pipeline processes listening on one queue are competing consumers;
 * each publishes to a queue of its own, so that the test sees who processed what. With a low prefetch the broker
 * hands the messages out a few at a time, so both work until the queue is empty.
 */
class RabbitMqScaleOutTest {

    @RegisterExtension
    static final RabbitMqBroker RABBITMQ = new RabbitMqBroker();

    private static final int EVENTS = 600;

    @Test
    void twoPipelinesOnOneQueueShareItsMessagesAndProcessEachOnce() throws Exception {
        String in = RABBITMQ.declareUniqueQueue("scale.frames");
        String outFirst = RABBITMQ.declareUniqueQueue("scale.reduced-1");
        String outSecond = RABBITMQ.declareUniqueQueue("scale.reduced-2");
        String listener = "spring-rabbitmq:default?queues=" + in + "&autoDeclare=false&prefetchCount=10";
        List<byte[]> sent = Deliveries.run("rabbitmq-scale-out", EVENTS);

        try (AmqpClient amqp = new AmqpClient(RABBITMQ);
                ChildJvm first = start(listener, outFirst);
                ChildJvm second = start(listener, outSecond)) {
            first.awaitOutput(PipelineProcess.STARTED, Duration.ofSeconds(60));
            second.awaitOutput(PipelineProcess.STARTED, Duration.ofSeconds(60));
            await("both pipelines consume the queue").atMost(Duration.ofSeconds(30)).until(() -> amqp.consumers(in) == 2);

            amqp.send(in, sent);
            await("every message published").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> amqp.messages(outFirst) + amqp.messages(outSecond) >= sent.size());
            List<byte[]> byFirst = read(amqp, outFirst);
            List<byte[]> bySecond = read(amqp, outSecond);

            Deliveries deliveries = Deliveries.of(sent, Stream.concat(byFirst.stream(), bySecond.stream()).toList());
            System.out.printf("RabbitMQ scale-out: %d messages, %d by the first pipeline, %d by the second; %s%n",
                    sent.size(), byFirst.size(), bySecond.size(), deliveries);
            assertThat(deliveries.lost()).isEmpty();
            assertThat(deliveries.duplicates()).isZero();
            assertThat(byFirst).hasSizeGreaterThan(sent.size() / 4);
            assertThat(bySecond).hasSizeGreaterThan(sent.size() / 4);
            assertThat(amqp.messages(in)).as("all acknowledged").isZero();
        }
    }

    private static ChildJvm start(String listener, String output) {
        return ChildJvm.start("rabbitmq-scale-out", PipelineProcess.class,
                List.of("-Darroyo.rabbitmq.uri=amqp://guest:guest@" + RabbitMqBroker.HOST + ":" + RabbitMqBroker.PORT),
                listener, "spring-rabbitmq:default?routingKey=" + output, "2");
    }

    private static List<byte[]> read(AmqpClient amqp, String queue) throws Exception {
        return amqp.read(queue, (int) amqp.messages(queue), Duration.ofSeconds(30)).stream().map(AmqpClient.Delivery::body).toList();
    }
}
