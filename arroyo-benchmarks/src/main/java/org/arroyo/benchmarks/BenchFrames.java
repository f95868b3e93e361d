package org.arroyo.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.arroyo.camel.codec.MessageCodec;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.message.internal.ArrayField;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * The arroyosas (msgpack) messages the source sends and the sink reads. Each run is a start, events, a stop; an event
 * carries its send time, in nanoseconds since the epoch, in the metadata field {@value #SENT_NS} and then a uint16
 * detector frame under {@code image.array}. The source stamps a copy of one encoded event in place, so sending costs one copy;
 * the sink reads the stamp at the same place when the bytes there are still the stamp, and otherwise looks it up in
 * the message's map (a pipeline that writes its fields in another order still works, only the sink works harder).
 */
public final class BenchFrames {

    static final String SENT_NS = "sent_ns";
    static final String RUN = "run";
    static final String EVENTS = "events";

    /** The metadata field that brings an event with a 1 KiB frame to 1,118 bytes, the size of the figures. */
    private static final String DETECTOR = "detector";
    private static final String DETECTOR_NAME = "det-0";
    private static final int ROW_BYTES = 1024;
    private static final byte UINT64 = (byte) 0xcf;
    private static final byte[] SENT_NS_KEY = ("\u00a7" + SENT_NS).getBytes(StandardCharsets.ISO_8859_1);
    private static final MessageCodec MSGPACK = WireFormat.MSGPACK.codec();

    private final byte[] eventTemplate;
    private final int stampOffset;

    private BenchFrames(byte[] eventTemplate) {
        this.eventTemplate = eventTemplate;
        this.stampOffset = stampOffset(eventTemplate);
        if (stampOffset < 0) {
            throw new IllegalStateException("the encoded event has no uint64 " + SENT_NS + " field");
        }
    }

    /** Events whose frame has {@code frameKib} KiB: rows of 512 uint16 pixels. */
    public static BenchFrames ofFrameKib(int frameKib) {
        if (frameKib < 1) {
            throw new IllegalArgumentException("frameKib must be at least 1, got " + frameKib);
        }
        ByteBuffer pixels = ByteBuffer.allocate(frameKib * ROW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; pixels.remaining() >= 2; i++) {
            pixels.putShort((short) i);
        }
        pixels.flip();
        NdArray frame = new NdArray(DType.UINT16, new int[] { frameKib, ROW_BYTES / 2 }, ByteOrder.LITTLE_ENDIAN, pixels);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(SENT_NS, Long.MAX_VALUE);
        metadata.put(DETECTOR, DETECTOR_NAME);
        // the stamp comes before the frame, so that finding it never touches the pixels
        return new BenchFrames(MSGPACK.encodeFrame(Event.of(metadata, frame, ArrayField.IMAGE_ARRAY.at(metadata.size()))));
    }

    /**
     * The clock of the stamps: wall-clock time, which every process on the machine shares (microsecond resolution on
     * Linux), in nanoseconds since the epoch, as Python's {@code time.time_ns()}.
     */
    static long nowEpochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Size of one encoded event in bytes. */
    public int eventBytes() {
        return eventTemplate.length;
    }

    /** A new event frame stamped with the given send time. */
    public byte[] event(long sentNanos) {
        byte[] frame = eventTemplate.clone();
        ByteBuffer.wrap(frame).putLong(stampOffset + 1, sentNanos);
        return frame;
    }

    static byte[] start(String run) {
        return MSGPACK.encodeFrame(new Start(Map.of(RUN, run)));
    }

    static byte[] stop(String run, long events) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(RUN, run);
        data.put(EVENTS, events);
        return MSGPACK.encodeFrame(new Stop(data));
    }

    /** Whether the frame is an event; starts and stops are rare, so only they are decoded whole. */
    boolean isEvent(byte[] frame) {
        return frame.length > stampOffset && Arrays.equals(frame, 0, stampOffset - SENT_NS_KEY.length,
                eventTemplate, 0, stampOffset - SENT_NS_KEY.length) || MSGPACK.decode(frame) instanceof Event;
    }

    /** The send time an event carries. */
    long sentNanos(byte[] frame) {
        int keyAt = stampOffset - SENT_NS_KEY.length;
        if (frame.length >= stampOffset + 9 && frame[stampOffset] == UINT64
                && Arrays.equals(frame, keyAt, stampOffset, SENT_NS_KEY, 0, SENT_NS_KEY.length)) {
            return ByteBuffer.wrap(frame).getLong(stampOffset + 1);
        }
        if (!(MSGPACK.decode(frame) instanceof Event event) || !(event.metadata().get(SENT_NS) instanceof Long sent)) {
            throw new IllegalArgumentException("not an event with an integer " + SENT_NS + " field");
        }
        return sent;
    }

    static ArroyoMessage decode(byte[] frame) {
        return MSGPACK.decode(frame);
    }

    /** Where the uint64 value of the top-level {@value #SENT_NS} field begins, or -1. */
    private static int stampOffset(byte[] frame) {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(frame)) {
            int fields = unpacker.unpackMapHeader();
            for (int i = 0; i < fields; i++) {
                String key = unpacker.unpackString();
                if (key.equals(SENT_NS) && unpacker.getNextFormat() == MessageFormat.UINT64) {
                    return Math.toIntExact(unpacker.getTotalReadBytes());
                }
                unpacker.skipValue();
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
