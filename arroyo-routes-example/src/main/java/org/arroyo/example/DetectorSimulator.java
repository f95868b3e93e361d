package org.arroyo.example;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;

/**
 * A simulated area detector recording a SAXS scan of growing spherical particles: a start with the
 * geometry, {@code frames} uint32 frames of the sphere form factor on a flat background with
 * Poisson-like counting noise, and a stop. {@link #next()} gives the scan's messages in order, then
 * the next scan's: run ids are the prefix and the scan's number ({@code saxs-demo-0001}, {@code saxs-demo-0002}, ...).
 */
public class DetectorSimulator {

    private final Geometry geometry;
    private final int frames;
    private final String runPrefix;
    private final Random random;
    private long sent;

    public DetectorSimulator(Geometry geometry, int frames, String runPrefix, long seed) {
        this.geometry = geometry;
        this.frames = frames;
        this.runPrefix = runPrefix;
        this.random = new Random(seed);
    }

    /** A Pilatus-like 256 x 256 detector, 2 m from the sample, at 12.4 keV. */
    public static Geometry defaultGeometry() {
        return new Geometry(256, 256, 128.3, 120.7, 172e-6, 2.0, 0.1e-9);
    }

    /** The number of messages of the scan: start, frames, stop. */
    public int messageCount() {
        return frames + 2;
    }

    /** The scan's next message; after its stop, the next scan's start. */
    public synchronized ArroyoMessage next() {
        int index = (int) (sent % messageCount());
        String runId = String.format("%s-%04d", runPrefix, sent / messageCount() + 1);
        sent++;
        if (index == 0) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("run_id", runId);
            data.put("frames", frames);
            data.put("data_type", "uint32");
            data.putAll(geometry.toFields());
            return new Start(data);
        }
        if (index <= frames) {
            return frame(runId, index - 1);
        }
        return new Stop(Map.of("run_id", runId, "num_frames", frames));
    }

    private Event frame(String runId, int number) {
        double radius = 4.0 + 2.0 * number / Math.max(1, frames - 1);
        ByteBuffer pixels = ByteBuffer.allocate(geometry.width() * geometry.height() * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < geometry.height(); y++) {
            for (int x = 0; x < geometry.width(); x++) {
                double expected = 2e5 * formFactor(geometry.q(x, y) * radius) + 20;
                long counts = Math.max(0, Math.round(expected + random.nextGaussian() * Math.sqrt(expected)));
                pixels.putInt((int) Math.min(counts, 0xffffffffL));
            }
        }
        pixels.flip();
        NdArray array = new NdArray(DType.UINT32, new int[] { geometry.height(), geometry.width() }, ByteOrder.LITTLE_ENDIAN, pixels);
        return Event.of(Map.of("run_id", runId, "frame_number", number, "exposure_s", 0.1), array);
    }

    /** The sphere form factor [3 (sin qR - qR cos qR) / (qR)^3]^2. */
    static double formFactor(double qr) {
        if (qr < 1e-6) {
            return 1;
        }
        double amplitude = 3 * (Math.sin(qr) - qr * Math.cos(qr)) / (qr * qr * qr);
        return amplitude * amplitude;
    }
}
