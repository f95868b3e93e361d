package org.arroyo.camel.codec;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decoding a 4 MiB detector frame does not copy it: the decoded payload, array and binary values
 * are the frame's own bytes (a change to the frame shows through them), and a decode allocates
 * only a few kilobytes.
 */
class ZeroCopyDecodeTest {

    private static final int ROWS = 1024;
    private static final int COLUMNS = 2048;
    private static final int FOUR_MIB = ROWS * COLUMNS * Short.BYTES;
    private static final byte[] MARKER = "zero-copy marker".getBytes(StandardCharsets.US_ASCII);
    private static final long ALLOCATION_LIMIT = 64 * 1024;

    /** A uint16 frame whose first bytes are {@link #MARKER}, so that the frame's offset can be found on the wire. */
    private static NdArray detectorFrame() {
        ByteBuffer data = ByteBuffer.allocate(FOUR_MIB).put(MARKER);
        return new NdArray(DType.UINT16, new int[] { ROWS, COLUMNS }, ByteOrder.LITTLE_ENDIAN, data.clear());
    }

    private static Map<String, Object> metadataWithMask() {
        return Map.of("frame_number", 7L, "mask", ByteBuffer.wrap("mask".repeat(4096).getBytes(StandardCharsets.US_ASCII)));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("marker not found on the wire");
    }

    @Test
    void anArroyosasEventIsAViewOfItsFrame() {
        byte[] wire = WireFormat.MSGPACK.codec().encodeFrame(Event.of(metadataWithMask(), detectorFrame()));
        Event event = (Event) WireFormat.MSGPACK.codec().decode(wire);
        int frameAt = indexOf(wire, MARKER);
        int maskAt = indexOf(wire, "maskmask".getBytes(StandardCharsets.US_ASCII));

        wire[frameAt + 2 * 1000] = 0x34;
        wire[frameAt + 2 * 1000 + 1] = 0x12;
        wire[maskAt] = 'M';

        NdArray array = event.array().orElseThrow();
        assertThat(array.asShortBuffer().get(1000)).isEqualTo((short) 0x1234);
        assertThat(event.payload().get(2000)).isEqualTo((byte) 0x34);
        ByteBuffer mask = (ByteBuffer) event.metadata().get("mask");
        assertThat(mask.get(0)).isEqualTo((byte) 'M');
        assertThat(event.metadata().get("mask")).as("the same binary value each time").isSameAs(mask);
        assertThat(List.of(event.payload(), array.data(), mask)).allSatisfy(view -> assertThat(view.isReadOnly()).isTrue());
    }

    @Test
    void aFrameInADirectBufferStaysInIt() {
        byte[] wire = WireFormat.MSGPACK.codec().encodeFrame(Event.of(Map.of(), detectorFrame()));
        ByteBuffer direct = ByteBuffer.allocateDirect(wire.length).put(wire).flip();
        Event event = (Event) WireFormat.MSGPACK.codec().decode(direct);

        direct.put(indexOf(wire, MARKER), (byte) 'Z');

        assertThat(event.payload().isDirect()).isTrue();
        assertThat(event.payload().get(0)).isEqualTo((byte) 'Z');
    }

    @Test
    void timepixJsonAndRawPayloadsAreViewsOfTheirFrames() {
        NdArray frame = detectorFrame();
        byte[] payload = new byte[FOUR_MIB];
        List<ByteBuffer> timepix = List.of(ByteBuffer.wrap(WireFormat.MULTIPART.codec().encode(Event.of(Map.of(), frame)).get(0)),
                ByteBuffer.wrap(payload));
        List<ByteBuffer> xps = List.of(ByteBuffer.wrap("{\"msg_type\": \"event\"}".getBytes(StandardCharsets.UTF_8)),
                ByteBuffer.wrap(payload));

        List<Event> events = List.of((Event) WireFormat.MULTIPART.codec().decode(timepix),
                (Event) WireFormat.JSON.codec().decode(xps), (Event) WireFormat.RAW.codec().decode(payload));
        payload[FOUR_MIB - 1] = 42;

        assertThat(events).allSatisfy(event -> assertThat(event.payload().get(FOUR_MIB - 1)).isEqualTo((byte) 42));
        assertThat(events.get(0).array().orElseThrow().asShortBuffer().get(ROWS * COLUMNS - 1)).isEqualTo((short) (42 << 8));
    }

    @Test
    void decodingA4MiBFrameAllocatesFarLessThanTheFrame() {
        byte[] arroyosas = WireFormat.MSGPACK.codec().encodeFrame(Event.of(Map.of("frame_number", 7L), detectorFrame()));
        List<ByteBuffer> timepix = WireFormat.MULTIPART.codec().encode(Event.of(Map.of("frame_number", 7L), detectorFrame()))
                .stream().map(ByteBuffer::wrap).toList();

        long arroyosasBytes = allocatedPerCall(() -> WireFormat.MSGPACK.codec().decode(arroyosas));
        long timepixBytes = allocatedPerCall(() -> WireFormat.MULTIPART.codec().decode(timepix));

        System.out.printf("decoding a %d-byte frame allocates %d bytes (arroyosas), %d bytes (timepix)%n",
                FOUR_MIB, arroyosasBytes, timepixBytes);
        assertThat(arroyosasBytes).isLessThan(ALLOCATION_LIMIT);
        assertThat(timepixBytes).isLessThan(ALLOCATION_LIMIT);
    }

    /** Bytes this thread allocates per decode, averaged after a warm-up. */
    private static long allocatedPerCall(Supplier<ArroyoMessage> decode) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled())
                .as("this JVM measures per-thread allocation").isTrue();
        for (int i = 0; i < 200; i++) {
            decode.get();
        }
        int calls = 100;
        ArroyoMessage last = null;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < calls; i++) {
            last = decode.get();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(last).isInstanceOf(Event.class);
        return allocated / calls;
    }
}
