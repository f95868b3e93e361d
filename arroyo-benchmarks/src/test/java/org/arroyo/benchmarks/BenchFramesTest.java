package org.arroyo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.Event;
import org.junit.jupiter.api.Test;

class BenchFramesTest {

    @Test
    void aOneKibFrameMakesTheIssuesEventOf1118Bytes() {
        assertThat(BenchFrames.ofFrameKib(1).eventBytes()).isEqualTo(1118);
    }

    @Test
    void theStampIsAnOrdinaryMetadataFieldThatSurvivesDecodingAndEncoding() {
        BenchFrames frames = BenchFrames.ofFrameKib(1);
        byte[] frame = frames.event(1_790_000_000_123_456_789L);

        Event event = (Event) WireFormat.MSGPACK.codec().decode(frame);
        byte[] reencoded = WireFormat.MSGPACK.codec().encodeFrame(event);

        assertThat(event.metadata()).containsEntry(BenchFrames.SENT_NS, 1_790_000_000_123_456_789L);
        assertThat(reencoded).isEqualTo(frame);
        assertThat(frames.isEvent(reencoded)).isTrue();
        assertThat(frames.sentNanos(reencoded)).isEqualTo(1_790_000_000_123_456_789L);
    }

    @Test
    void aPipelineThatReordersFieldsStillHasItsStampRead() {
        BenchFrames frames = BenchFrames.ofFrameKib(1);
        Event event = (Event) WireFormat.MSGPACK.codec().decode(frames.event(1_790_000_000_000_000_042L));
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("detector", "other");
        reordered.putAll(event.metadata());
        byte[] frame = WireFormat.MSGPACK.codec().encodeFrame(event.withMetadata(reordered));

        assertThat(frames.isEvent(frame)).isTrue();
        assertThat(frames.sentNanos(frame)).isEqualTo(1_790_000_000_000_000_042L);
    }

    @Test
    void startsAndStopsAreNotEvents() {
        BenchFrames frames = BenchFrames.ofFrameKib(1);

        assertThat(frames.isEvent(BenchFrames.start("run-1"))).isFalse();
        assertThat(frames.isEvent(BenchFrames.stop("run-1", 5))).isFalse();
    }
}
