package org.arroyo.camel.broker.kafka;

import java.time.Duration;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.test.Deliveries;
import org.arroyo.test.TestOperators;
import org.arroyo.test.infra.KafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka broker stopped and started again (same port, same log directories) under a running
 * pipeline: the pipeline resumes by itself and every record comes out.
 */
class KafkaRestartTest {

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    private static final int EVENTS = 1200;
    private static final TopicPartition INPUT = new TopicPartition("restart-in", 0);
    private static final TopicPartition OUTPUT = new TopicPartition("restart-out", 0);

    @Test
    void aPipelineResumesByItselfAfterTheBrokerIsStoppedAndRestartedAndLosesNothing() throws Exception {
        KAFKA.createTopic(INPUT.topic(), 1);
        KAFKA.createTopic(OUTPUT.topic(), 1);
        List<byte[]> sent = Deliveries.run("kafka-restart", EVENTS);
        KAFKA.send(INPUT.topic(), "kafka-restart", sent);
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("restart").listen("kafka:" + INPUT.topic() + "?brokers=" + KAFKA.bootstrapServers()
                                + "&groupId=restart&autoOffsetReset=earliest")
                        .operator(TestOperators.working(Duration.ofMillis(2)))
                        .publish("kafka:" + OUTPUT.topic() + "?brokers=" + KAFKA.bootstrapServers());
            }
        });

        try {
            context.start();
            await("a third of the run published").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> KAFKA.endOffset(OUTPUT) >= EVENTS / 3);
            KAFKA.stopBroker();
            KAFKA.restartBroker();
            long back = System.nanoTime();
            long publishedAtRestart = KAFKA.endOffset(OUTPUT);
            await("publishing again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> KAFKA.endOffset(OUTPUT) > publishedAtRestart);
            long resumeMillis = (System.nanoTime() - back) / 1_000_000;
            await("the run committed to its end").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> KAFKA.committedOffset("restart", INPUT) == sent.size());

            List<byte[]> received = KAFKA.read(OUTPUT.topic(), sent.size(), Duration.ofSeconds(30), Duration.ofSeconds(1)).stream()
                    .map(ConsumerRecord::value).toList();
            Deliveries deliveries = Deliveries.of(sent, received);
            System.out.printf("Kafka broker restarted: %d records published when it came back, publishing again %d ms later; %s%n",
                    publishedAtRestart, resumeMillis, deliveries);
            assertThat(publishedAtRestart).as("restarted mid-run").isLessThan(sent.size());
            assertThat(deliveries.lost()).isEmpty();
        } finally {
            context.stop();
        }
    }
}
