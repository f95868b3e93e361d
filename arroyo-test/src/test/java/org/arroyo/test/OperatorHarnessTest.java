package org.arroyo.test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.operator.Operator;
import org.arroyo.test.OperatorHarness.Published;
import org.junit.jupiter.api.Test;

import static org.arroyo.camel.message.MessageType.EVENT;
import static org.arroyo.camel.message.MessageType.START;
import static org.arroyo.camel.message.MessageType.STOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorHarnessTest {

    /** Publishes no start, each event twice, and nothing (null) at the stop. */
    static final class Doubler implements Operator {
        @Override
        public List<? extends ArroyoMessage> onStart(Start start) {
            return List.of();
        }

        @Override
        public List<? extends ArroyoMessage> onEvent(Event event) {
            return List.of(event, event.withMetadata(Map.of("copy_of", event.metadata().get("n"))));
        }

        @Override
        public List<? extends ArroyoMessage> onStop(Stop stop) {
            return null;
        }
    }

    @Test
    void aRunIsItsStartEventsAndStopInOrder() {
        NdArray frame = NdArray.ofDoubles(new double[] { 1, 2, 3, 4 }, 2, 2);
        ByteBuffer opaque = ByteBuffer.wrap(new byte[] { 7, 8 });

        List<ArroyoMessage> run = Run.start(Map.of("run_id", "r1"))
                .event(Map.of("n", 0))
                .event(Map.of("n", 1), frame)
                .event(Event.of(Map.of("n", 2), opaque))
                .stop(Map.of("num_frames", 3));

        assertThat(run).containsExactly(new Start(Map.of("run_id", "r1")), Event.of(Map.of("n", 0L)),
                Event.of(Map.of("n", 1L), frame), Event.of(Map.of("n", 2L), opaque), new Stop(Map.of("num_frames", 3L)));
        assertThat(((Event) run.get(2)).array()).contains(frame);
    }

    @Test
    void eachMessageGoesToItsMethodAndEveryOutputIsKeptInOrder() {
        List<ArroyoMessage> run = Run.start(Map.of()).event(Map.of("n", 0)).event(Map.of("n", 1)).stop(Map.of());

        Published published = OperatorHarness.feed(new Doubler(), run);

        assertThat(published.all()).containsExactly(Event.of(Map.of("n", 0)), Event.of(Map.of("copy_of", 0)),
                Event.of(Map.of("n", 1)), Event.of(Map.of("copy_of", 1)));
        assertThat(published.types()).containsExactly(EVENT, EVENT, EVENT, EVENT);
        assertThat(published.events()).isEqualTo(published.all());
    }

    @Test
    void startAndStopSayWhatWasPublishedWhenThereIsNotExactlyOne() {
        Published published = OperatorHarness.feed(new Doubler(), Run.start(Map.of()).event(Map.of("n", 0)).stop(Map.of()));

        assertThatThrownBy(published::stop)
                .hasMessage("expected one stop among the published messages, found 0: [EVENT, EVENT]");
        assertThatThrownBy(() -> OperatorHarness.feed(new Operator() { }, List.of(new Start(Map.of()), new Start(Map.of()))).start())
                .hasMessage("expected one start among the published messages, found 2: [START, START]");
    }

    @Test
    void theGuidesOperatorPublishesTheMeanOfEachFrameAndTheFrameCount() {
        List<ArroyoMessage> scan = ScanRun.messages("scan-7", 3);

        Published published = OperatorHarness.feed(new FrameStatistics(), scan);

        assertThat(published.types()).containsExactly(START, EVENT, EVENT, EVENT, STOP);
        assertThat(published.start()).isEqualTo(scan.get(0));
        assertThat(published.events()).extracting(event -> event.metadata().get("frame")).containsExactly(1L, 2L, 3L);
        assertThat(published.events()).extracting(event -> event.metadata().get("mean"))
                .containsExactly(mean(scan.get(1)), mean(scan.get(2)), mean(scan.get(3)));
        assertThat(published.stop()).isEqualTo(new Stop(Map.of("frames", 3L)));
    }

    private static double mean(ArroyoMessage frame) {
        return Arrays.stream(((Event) frame).array().orElseThrow().toDoubleArray()).average().orElseThrow();
    }

    @Test
    void anOperatorFailureNamesTheMessageByIndexTypeAndContent() {
        List<ArroyoMessage> run = Run.start(Map.of())
                .event(Map.of("frame_number", 0), NdArray.ofDoubles(new double[] { 1 }))
                .event(Map.of("frame_number", 1))
                .stop(Map.of());

        assertThatThrownBy(() -> OperatorHarness.feed(new FrameStatistics(), run))
                .isInstanceOf(AssertionError.class)
                .hasMessage("FrameStatistics.onEvent failed on message 2 of 4 (event): Event{frame_number=1}: "
                        + "java.util.NoSuchElementException: No value present")
                .hasCauseInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aFailingAnonymousOperatorIsNamedByItsClass() {
        Operator failsAtStop = new Operator() {
            @Override
            public List<? extends ArroyoMessage> onStop(Stop stop) {
                throw new IllegalStateException("no summary");
            }
        };

        assertThatThrownBy(() -> OperatorHarness.feed(failsAtStop, Run.start(Map.of()).stop(Map.of("num_frames", 0))))
                .hasMessage(failsAtStop.getClass().getName() + ".onStop failed on message 1 of 2 (stop): Stop{num_frames=0}: "
                        + "java.lang.IllegalStateException: no summary")
                .cause().isInstanceOf(IllegalStateException.class);
    }
}
