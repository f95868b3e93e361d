package org.arroyo.camel.broker.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.arroyo.test.Deliveries;
import org.arroyo.test.PipelineProcess;
import org.arroyo.test.infra.ChildJvm;
import org.arroyo.test.infra.KafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out on Kafka (docs/deployment.md): two pipeline processes in one consumer group share the topic's partitions;
 * each publishes to a topic of its own, so that the test sees who processed what. A run is keyed by its id, so it
 * stays in one partition: the processes share the work run by run.
 */
class KafkaScaleOutTest {

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    private static final int RUNS = 4;
    private static final int EVENTS = 150;
    private static final String GROUP = "scale-out";

    @Test
    void twoPipelinesInOneGroupEachTakeRunsAndProcessEveryRecordOnce() throws Exception {
        KAFKA.createTopic("scale-in", 2);
        KAFKA.createTopic("scale-out-1", 1);
        KAFKA.createTopic("scale-out-2", 1);
        String listener = "kafka:scale-in?brokers=" + KAFKA.bootstrapServers() + "&groupId=" + GROUP + "&autoOffsetReset=earliest";
        try (ChildJvm first = start(listener, "scale-out-1"); ChildJvm second = start(listener, "scale-out-2")) {
            first.awaitOutput(PipelineProcess.STARTED, Duration.ofSeconds(60));
            second.awaitOutput(PipelineProcess.STARTED, Duration.ofSeconds(60));
            await("each pipeline holds a partition").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> membersHoldingPartitions() == 2);

            List<byte[]> sent = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                List<byte[]> messages = Deliveries.run("scan-" + run, (long) run * EVENTS, EVENTS);
                KAFKA.send("scale-in", "scan-" + run, messages);
                sent.addAll(messages);
            }
            await("every record published").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> published("scale-out-1") + published("scale-out-2") >= sent.size());

            List<byte[]> byFirst = read("scale-out-1");
            List<byte[]> bySecond = read("scale-out-2");
            Deliveries deliveries = Deliveries.of(sent, Stream.concat(byFirst.stream(), bySecond.stream()).toList());
            System.out.printf("Kafka scale-out: %d records, %d by the first pipeline, %d by the second; %s%n",
                    sent.size(), byFirst.size(), bySecond.size(), deliveries);
            assertThat(deliveries.lost()).isEmpty();
            assertThat(deliveries.duplicates()).isZero();
            // a run is one partition's: each pipeline processed one run at least (start, events, stop)
            assertThat(byFirst).hasSizeGreaterThanOrEqualTo(EVENTS + 2);
            assertThat(bySecond).hasSizeGreaterThanOrEqualTo(EVENTS + 2);
        }
    }

    private static ChildJvm start(String listener, String output) {
        return ChildJvm.start("kafka-" + output, PipelineProcess.class, List.of(), listener,
                "kafka:" + output + "?brokers=" + KAFKA.bootstrapServers(), "2");
    }

    private static long membersHoldingPartitions() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP)
                    .get(30, TimeUnit.SECONDS);
            return group.members().stream().filter(member -> !member.assignment().topicPartitions().isEmpty()).count();
        }
    }

    private static long published(String topic) throws Exception {
        return KAFKA.endOffset(new TopicPartition(topic, 0));
    }

    private static List<byte[]> read(String topic) throws Exception {
        return KAFKA.read(topic, (int) published(topic), Duration.ofSeconds(30), Duration.ofMillis(500)).stream()
                .map(ConsumerRecord::value).toList();
    }
}
