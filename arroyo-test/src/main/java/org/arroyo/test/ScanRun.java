package org.arroyo.test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.NdArray;

/**
 * One detector run as a beamline sends it: a start, {@code events} frames of 128 x 256 uint16
 * pixels (64 KiB) and a stop, in the msgpack (arroyosas) convention.
 */
public final class ScanRun {

    public static final int ROWS = 128;
    public static final int COLUMNS = 256;

    private ScanRun() {
    }

    public static List<ArroyoMessage> messages(String runId, int events) {
        Run run = Run.start(Map.of("run_id", runId, "width", (long) COLUMNS, "height", (long) ROWS, "data_type", "uint16"));
        for (int frame = 0; frame < events; frame++) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("frame_number", (long) frame);
            metadata.put("tiled_url", "http://tiled.local/" + runId + "?slice=" + frame);
            run.event(metadata, frame(runId.hashCode() + frame));
        }
        return run.stop(Map.of("run_id", runId, "num_frames", (long) events));
    }

    /** The run's messages as msgpack bytes, in order. */
    public static List<byte[]> encoded(String runId, int events) {
        return messages(runId, events).stream().map(WireFormat.MSGPACK.codec()::encodeFrame).toList();
    }

    /** Pixels that differ from frame to frame, so a swapped or repeated frame shows. */
    private static NdArray frame(int seed) {
        ByteBuffer pixels = ByteBuffer.allocate(ROWS * COLUMNS * 2).order(ByteOrder.LITTLE_ENDIAN);
        int value = seed;
        while (pixels.hasRemaining()) {
            value = value * 1_103_515_245 + 12_345;
            pixels.putShort((short) (value >>> 16));
        }
        return new NdArray(DType.UINT16, new int[] { ROWS, COLUMNS }, ByteOrder.LITTLE_ENDIAN, pixels.flip());
    }
}
