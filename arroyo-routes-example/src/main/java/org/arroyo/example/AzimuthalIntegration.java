package org.arroyo.example;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.operator.Operator;

/**
 * Reduces each 2D detector frame to a 1D profile I(q): the mean intensity of the pixels in each of
 * {@code bins} equal-width q bins (azimuthal integration), plus per-frame statistics. The q grid is
 * computed once per run from the start's geometry and announced in the reduced start message
 * ({@code q_nm}: the bin centres, 1/nm).
 */
public class AzimuthalIntegration implements Operator {

    private int bins = 100;
    private Geometry geometry;
    private int[] binOfPixel;
    private int[] pixelsPerBin;
    private long frames;

    public AzimuthalIntegration() {
    }

    public AzimuthalIntegration(int bins) {
        setBins(bins);
    }

    public int getBins() {
        return bins;
    }

    public void setBins(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        this.bins = bins;
    }

    @Override
    public List<? extends ArroyoMessage> onStart(Start start) {
        geometry = Geometry.from(start.data());
        frames = 0;
        double qMax = 0;
        double[] q = new double[geometry.width() * geometry.height()];
        for (int y = 0; y < geometry.height(); y++) {
            for (int x = 0; x < geometry.width(); x++) {
                q[y * geometry.width() + x] = geometry.q(x, y);
                qMax = Math.max(qMax, q[y * geometry.width() + x]);
            }
        }
        binOfPixel = new int[q.length];
        pixelsPerBin = new int[bins];
        for (int i = 0; i < q.length; i++) {
            binOfPixel[i] = Math.min(bins - 1, (int) (q[i] / qMax * bins));
            pixelsPerBin[binOfPixel[i]]++;
        }
        List<Double> centres = new ArrayList<>(bins);
        for (int bin = 0; bin < bins; bin++) {
            centres.add((bin + 0.5) * qMax / bins);
        }
        Map<String, Object> data = new LinkedHashMap<>(start.data());
        data.put("q_nm", centres);
        return List.of(new Start(data));
    }

    @Override
    public List<? extends ArroyoMessage> onEvent(Event event) {
        if (geometry == null) {
            throw new IllegalStateException("event before any start: no geometry to integrate with");
        }
        NdArray frame = event.array().orElseThrow(() -> new IllegalArgumentException("event has no detector frame"));
        double[] pixels = frame.toDoubleArray();
        if (pixels.length != binOfPixel.length) {
            throw new IllegalArgumentException("frame has " + pixels.length + " pixels, the run's geometry "
                    + geometry.width() + "x" + geometry.height());
        }
        double[] sums = new double[bins];
        double total = 0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < pixels.length; i++) {
            double pixel = pixels[i];
            sums[binOfPixel[i]] += pixel;
            total += pixel;
            if (pixel > max || Double.isNaN(pixel)) { // a NaN pixel makes the maximum and minimum NaN, as in numpy
                max = pixel;
            }
            if (pixel < min || Double.isNaN(pixel)) {
                min = pixel;
            }
        }
        double[] profile = new double[bins];
        for (int bin = 0; bin < bins; bin++) {
            profile[bin] = pixelsPerBin[bin] == 0 ? Double.NaN : sums[bin] / pixelsPerBin[bin];
        }
        frames++;
        Map<String, Object> metadata = new LinkedHashMap<>(event.metadata());
        metadata.put("total", total);
        metadata.put("mean", total / pixels.length);
        metadata.put("min", min);
        metadata.put("max", max);
        return List.of(Event.of(metadata, NdArray.ofDoubles(profile)));
    }

    @Override
    public List<? extends ArroyoMessage> onStop(Stop stop) {
        Map<String, Object> data = new LinkedHashMap<>(stop.data());
        data.put("frames_reduced", frames);
        return List.of(new Stop(data));
    }
}
