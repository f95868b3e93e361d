package org.arroyo.camel.broker.kafka;

import java.time.Duration;
import java.util.List;

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
 * A Kafka pipeline killed with SIGKILL in the middle of a run and started again: every record
 * comes out, and only the records published after the last commit come twice.
 */
class KafkaCrashTest {

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    private static final int EVENTS = 1500;
    private static final String GROUP = "crash";
    /** camel-kafka's maxPollRecords: what one poll hands the route, and so the most a commit can lag behind. */
    private static final int POLL_RECORDS = 500;

    @Test
    void aPipelineKilledMidRunRepeatsOnlyWhatItPublishedSinceItsLastCommitAndLosesNothing() throws Exception {
        KAFKA.createTopic("crash-in", 1);
        KAFKA.createTopic("crash-out", 1);
        List<byte[]> sent = Deliveries.run("kafka-crash", EVENTS);
        KAFKA.send("crash-in", "kafka-crash", sent);
        TopicPartition input = new TopicPartition("crash-in", 0);
        TopicPartition output = new TopicPartition("crash-out", 0);
        // the killed member leaves its group after the session timeout: 6 s, the broker's minimum, instead of 45
        String listener = "kafka:crash-in?brokers=" + KAFKA.bootstrapServers() + "&groupId=" + GROUP
                + "&autoOffsetReset=earliest&sessionTimeoutMs=6000";
        String publisher = "kafka:crash-out?brokers=" + KAFKA.bootstrapServers();

        long committedAtKill;
        long publishedAtKill;
        try (ChildJvm pipeline = ChildJvm.start("kafka-crash", PipelineProcess.class, List.of(), listener, publisher, "2")) {
            pipeline.awaitOutput(PipelineProcess.STARTED, Duration.ofSeconds(60));
            // the first commit comes after a whole poll is acknowledged: wait for it, so the kill falls between two commits
            await("a third of the run published and a commit made").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> KAFKA.endOffset(output) >= EVENTS / 3 && KAFKA.committedOffset(GROUP, input) > 0);
            pipeline.kill();
            committedAtKill = KAFKA.committedOffset(GROUP, input);
            publishedAtKill = KAFKA.endOffset(output);
        }
        // commit after publish: every input record below the committed offset has its output already
        assertThat(committedAtKill).isBetween(1L, publishedAtKill);
        assertThat(publishedAtKill).as("killed mid-run").isLessThan(sent.size());

        try (ChildJvm pipeline = ChildJvm.start("kafka-crash", PipelineProcess.class, List.of(), listener, publisher, "2")) {
            pipeline.awaitOutput(PipelineProcess.STARTED, Duration.ofSeconds(60));
            await("the run committed to its end").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> KAFKA.committedOffset(GROUP, input) == sent.size());
        }

        List<byte[]> received = KAFKA.read("crash-out", sent.size(), Duration.ofSeconds(30), Duration.ofSeconds(1)).stream()
                .map(ConsumerRecord::value).toList();
        Deliveries deliveries = Deliveries.of(sent, received);
        System.out.printf("Kafka crash: killed with %d records published and %d committed; after the restart %s%n",
                publishedAtKill, committedAtKill, deliveries);
        assertThat(deliveries.lost()).isEmpty();
        assertThat(deliveries.inOrder()).isTrue();
        // the restarted pipeline reads again from the committed offset: exactly what was published past it comes twice
        assertThat(deliveries.duplicates()).isEqualTo(publishedAtKill - committedAtKill).isLessThanOrEqualTo(POLL_RECORDS);
    }
}
