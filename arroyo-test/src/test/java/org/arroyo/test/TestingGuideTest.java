package org.arroyo.test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Stop;
import org.arroyo.test.OperatorHarness.Published;
import org.arroyo.test.infra.DocsPage;
import org.arroyo.test.infra.InteropVectors;
import org.arroyo.test.infra.KafkaBroker;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.arroyo.camel.message.MessageType.EVENT;
import static org.arroyo.camel.message.MessageType.START;
import static org.arroyo.camel.message.MessageType.STOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Java snippets of docs/testing.md, run as written there, and the check that the page shows
 * nothing that is not here.
 */
class TestingGuideTest {

    private static final DocsPage GUIDE = DocsPage.of("testing.md");
    private static final Path THIS_FILE = Path.of("src/test/java/org/arroyo/test/TestingGuideTest.java");

    @Test
    void eachFrameGivesItsMeanAndTheStopCountsTheFrames() {
        List<ArroyoMessage> run = Run.start(Map.of("run_id", "scan-1"))
                .event(Map.of("frame_number", 0), NdArray.ofDoubles(new double[] { 1, 2, 3, 4 }, 2, 2))
                .event(Map.of("frame_number", 1), NdArray.ofDoubles(new double[] { 10, 10, 10, 10 }, 2, 2))
                .stop(Map.of("num_frames", 2));

        Published published = OperatorHarness.feed(new FrameStatistics(), run);

        assertThat(published.types()).containsExactly(START, EVENT, EVENT, STOP);
        assertThat(published.events()).extracting(event -> event.metadata().get("mean")).containsExactly(2.5, 10.0);
        assertThat(published.stop().data()).containsEntry("frames", 2L);
    }

    @Test
    void eachRunStartsAfresh() {
        FrameStatistics statistics = new FrameStatistics();
        OperatorHarness.feed(statistics, ScanRun.messages("scan-1", 5));

        Published secondRun = OperatorHarness.feed(statistics, ScanRun.messages("scan-2", 3));

        assertThat(secondRun.stop().data()).containsEntry("frames", 3L);
    }

    @Test
    void anEventWithoutAFrameIsRefused() {
        List<ArroyoMessage> run = Run.start(Map.of("run_id", "scan-1"))
                .event(Map.of("frame_number", 0), NdArray.ofDoubles(new double[] { 1, 2, 3, 4 }, 2, 2))
                .event(Map.of("frame_number", 1))
                .stop(Map.of("num_frames", 2));

        assertThatThrownBy(() -> OperatorHarness.feed(new FrameStatistics(), run))
                .hasMessageStartingWith("FrameStatistics.onEvent failed on message 2 of 4 (event): Event{frame_number=1}")
                .hasCauseInstanceOf(NoSuchElementException.class);
    }

    @Test
    void whatPythonSendersWroteGoesThroughTheOperator() {
        List<ArroyoMessage> run = Stream.of("sas_start_1.bin", "sas_event_1_uint16.bin", "sas_stop_1.bin")
                .map(file -> WireFormat.MSGPACK.codec().decode(InteropVectors.read(file)))
                .toList();

        Published published = OperatorHarness.feed(new FrameStatistics(), run);

        assertThat(published.types()).containsExactly(START, EVENT, STOP);
    }

    @Nested
    class FrameStatisticsOnKafkaTest {

        @RegisterExtension
        static final KafkaBroker KAFKA = new KafkaBroker();

        @Test
        void aScanFromKafkaIsReducedToKafka() throws Exception {
            KAFKA.createTopic("frames", 1);
            KAFKA.createTopic("statistics", 1);
            String kafka = "?brokers=" + KAFKA.bootstrapServers()
                    + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer"
                    + "&valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer";
            try (CamelContext context = new DefaultCamelContext()) {
                context.addRoutes(new ArroyoRouteBuilder() {
                    @Override
                    public void configure() {
                        pipeline("statistics").listen("kafka:frames" + kafka + "&groupId=statistics&autoOffsetReset=earliest")
                                .operator(new FrameStatistics())
                                .publish("kafka:statistics" + kafka);
                    }
                });
                context.start();

                KAFKA.send("frames", "scan-1", ScanRun.encoded("scan-1", 3));
                List<ArroyoMessage> published = KAFKA.read("statistics", 5, Duration.ofSeconds(60), Duration.ofSeconds(1))
                        .stream().map(record -> WireFormat.MSGPACK.codec().decode(record.value())).toList();

                assertThat(published).extracting(ArroyoMessage::type).containsExactly(START, EVENT, EVENT, EVENT, STOP);
                assertThat(published.get(4)).isEqualTo(new Stop(Map.of("frames", 3L)));
            }
        }
    }

    /** The page and this file cannot drift apart: each ```java block of the page is code of this file. */
    @Test
    void everyJavaSnippetOfTheGuideIsInThisFile() {
        assertThat(GUIDE.blocks("java")).as("java blocks in docs/testing.md").hasSizeGreaterThanOrEqualTo(5);
        assertThat(GUIDE.javaBlocksNotIn(THIS_FILE)).as("java blocks of docs/testing.md that are not code of %s", THIS_FILE).isEmpty();
    }
}
