package org.arroyo.camel.message;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.WireFormat;
import org.arroyo.test.infra.DocsPage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java snippets of docs/messages.md, run as written there, and the check that the page shows
 * nothing that is not here.
 */
class MessagesGuideTest {

    private static final DocsPage GUIDE = DocsPage.of("messages.md");
    private static final Path THIS_FILE = Path.of("src/test/java/org/arroyo/camel/message/MessagesGuideTest.java");

    /** An event as a pipeline receives it: frame 7, a little-endian uint16 2048 x 2048 frame whose first pixel is 65535. */
    private static Event received() {
        ByteBuffer pixels = ByteBuffer.allocate(2048 * 2048 * 2).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) 0xffff);
        Event sent = Event.of(Map.of("frame_number", 7),
                new NdArray(DType.UINT16, new int[] { 2048, 2048 }, ByteOrder.LITTLE_ENDIAN, pixels));
        return (Event) WireFormat.MSGPACK.codec().decode(WireFormat.MSGPACK.codec().encodeFrame(sent));
    }

    @Test
    void aFramesPixelsAreReadWhereTheyWereReceived() {
        Event event = received();

        NdArray frame = event.array().orElseThrow();   // dtype, shape, byte order
        frame.dtype();                                 // DType.UINT16
        frame.shape();                                 // [2048, 2048]
        ShortBuffer pixels = frame.asShortBuffer();    // in the sender's byte order, no copy
        int first = Short.toUnsignedInt(pixels.get(0));
        double[] values = frame.toDoubleArray();       // any dtype, unsigned read as unsigned

        assertThat(frame.dtype()).isEqualTo(DType.UINT16);
        assertThat(frame.shape()).containsExactly(2048, 2048);
        assertThat(first).isEqualTo(65535);
        assertThat(values).hasSize(2048 * 2048).startsWith(65535.0, 0.0);
        assertThat(event).asString()
                .startsWith("Event{frame_number=7} image.array=uint16[2048, 2048] LITTLE_ENDIAN <8388608 B sha256:");
    }

    @Test
    void eventsAreBuiltFromMetadataAndAnArrayOrBytes() {
        Event event = received();
        double[] profile = { 1.5, 2.5, 3.5 };
        byte[] bytes = { 1, 2, 3 };

        Event reduced = Event.of(Map.of("frame_number", 7, "q_bins", 512), NdArray.ofDoubles(profile));
        Event relabelled = event.withMetadata(Map.of("frame_number", 8));   // same payload, not copied
        Event opaque = Event.of(Map.of(), ByteBuffer.wrap(bytes));          // no array description

        assertThat(reduced.metadata()).containsOnly(Map.entry("frame_number", 7L), Map.entry("q_bins", 512L));
        assertThat(reduced.array().orElseThrow().toDoubleArray()).containsExactly(profile);
        assertThat(relabelled.metadata()).containsExactly(Map.entry("frame_number", 8L));
        assertThat(relabelled.array()).isEqualTo(event.array());
        assertThat(opaque.array()).isEmpty();
        assertThat(opaque.payload()).isEqualTo(ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
    }

    @Test
    void arraysAreMadeFromValuesByTheirDtypesFactory() {
        NdArray frame = NdArray.ofUint16(new int[] { 0, 1000, 65535, 7 }, 2, 2);   // uint16, 2 x 2
        NdArray profile = NdArray.ofDoubles(new double[] { 1.5, 2.5, 3.5 });         // float64, 3

        assertThat(frame.dtype()).isEqualTo(DType.UINT16);
        assertThat(frame.shape()).containsExactly(2, 2);
        assertThat(frame.toDoubleArray()).containsExactly(0, 1000, 65535, 7);
        assertThat(profile.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(profile.shape()).containsExactly(3);
    }

    @Test
    void aMessageKeepsACopyOfItsMapInTheMapsOrder() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run_id", "scan-1");
        data.put("frames", 1000);
        data.put("roi", List.of(0, 0, 512, 512));
        Start start = new Start(data);   // {run_id=scan-1, frames=1000, roi=[0, 0, 512, 512]}, in this order

        data.put("frames", 2000);
        assertThat(start).hasToString("Start{run_id=scan-1, frames=1000, roi=[0, 0, 512, 512]}");
        assertThat(start.data().get("frames")).isEqualTo(1000L);
    }

    @Test
    void aFieldIsAddedToAReceivedEventByCopyingReferences() {
        Event event = received().withMetadata(Map.of("frame_number", 7, "roi", List.of(0, 0, 512, 512)));

        Map<String, Object> metadata = new LinkedHashMap<>(event.metadata());
        metadata.put("q_bins", 512);
        Event tagged = event.withMetadata(metadata);   // the same payload and array, not copied

        List<String> keys = new ArrayList<>(event.metadata().keySet());
        keys.add("q_bins");
        assertThat(tagged.metadata().keySet()).containsExactlyElementsOf(keys);
        assertThat(tagged.metadata().get("roi")).isSameAs(event.metadata().get("roi"));
        assertThat(tagged.array()).isEqualTo(event.array());
    }

    /** The page and this file cannot drift apart: each ```java block of the page is code of this file. */
    @Test
    void everyJavaSnippetOfTheGuideIsInThisFile() {
        assertThat(GUIDE.blocks("java")).as("java blocks in docs/messages.md").hasSizeGreaterThanOrEqualTo(4);
        assertThat(GUIDE.javaBlocksNotIn(THIS_FILE)).as("java blocks of docs/messages.md that are not code of %s", THIS_FILE).isEmpty();
    }
}
