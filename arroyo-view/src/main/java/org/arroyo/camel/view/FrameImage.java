package org.arroyo.camel.view;

import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.arroyo.camel.message.NdArray;

/**
 * A frame as the page draws it: the first image plane of an array of two or more dimensions, one pixel in
 * {@code step} along each side so that no side exceeds the view's limit, log-scaled to 0..255 as
 * {@code log(1 + value - min) / log(1 + max - min)}. The page applies the colour map.
 */
final class FrameImage {

    private FrameImage() {
    }

    /** The page's description of the frame: dtype, shape, the shown size and step, min, max and the base64 pixels. */
    static Map<String, Object> of(NdArray array, int maxSide) {
        int[] shape = array.shape();
        int height = shape[shape.length - 2];
        int width = shape[shape.length - 1];
        int step = Math.max(Samples.step(height, maxSide), Samples.step(width, maxSide));
        int shownHeight = Samples.kept(height, step);
        int shownWidth = Samples.kept(width, step);
        double[] values = new double[shownHeight * shownWidth];
        for (int y = 0; y < shownHeight; y++) {
            double[] row = Samples.of(array, (long) y * step * width, shownWidth, step);
            System.arraycopy(row, 0, values, y * shownWidth, shownWidth);
        }
        double min = Arrays.stream(values).filter(Double::isFinite).min().orElse(0);
        double max = Arrays.stream(values).filter(Double::isFinite).max().orElse(0);
        double scale = max > min ? 255 / Math.log1p(max - min) : 0;
        byte[] pixels = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            double value = Double.isNaN(values[i]) ? min : Math.min(max, Math.max(min, values[i]));
            pixels[i] = (byte) Math.round(Math.log1p(value - min) * scale);
        }
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("dtype", array.dtype().numpyName());
        image.put("shape", shape);
        image.put("width", shownWidth);
        image.put("height", shownHeight);
        image.put("step", step);
        image.put("min", min);
        image.put("max", max);
        image.put("pixels", Base64.getEncoder().encodeToString(pixels));
        return image;
    }
}
