package org.arroyo.example;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scattering geometry a detector announces in its start message: image size, beam centre
 * (pixels), pixel size, sample-detector distance and wavelength (metres).
 */
public record Geometry(int width, int height, double beamCenterX, double beamCenterY,
                       double pixelSize, double distance, double wavelength) {

    /** The geometry in a start message's data. */
    public static Geometry from(Map<String, Object> data) {
        return new Geometry(intField(data, "width"), intField(data, "height"),
                number(data, "beam_center_x"), number(data, "beam_center_y"),
                number(data, "pixel_size_m"), number(data, "detector_distance_m"), number(data, "wavelength_m"));
    }

    /** As start-message fields. */
    public Map<String, Object> toFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("width", width);
        fields.put("height", height);
        fields.put("beam_center_x", beamCenterX);
        fields.put("beam_center_y", beamCenterY);
        fields.put("pixel_size_m", pixelSize);
        fields.put("detector_distance_m", distance);
        fields.put("wavelength_m", wavelength);
        return fields;
    }

    /** Momentum transfer q (1/nm) at a pixel: 4 pi / lambda * sin(theta), 2 theta = atan(r / distance). */
    public double q(int x, int y) {
        double r = Math.hypot((x - beamCenterX) * pixelSize, (y - beamCenterY) * pixelSize);
        double theta = Math.atan2(r, distance) / 2;
        return 4 * Math.PI / wavelength * Math.sin(theta) * 1e-9;
    }

    private static double number(Map<String, Object> data, String key) {
        if (!(data.get(key) instanceof Number value)) {
            throw new IllegalArgumentException("start message has no number '" + key + "' (geometry needs it)");
        }
        return value.doubleValue();
    }

    private static int intField(Map<String, Object> data, String key) {
        double value = number(data, key);
        if (value != Math.rint(value) || value < 1) {
            throw new IllegalArgumentException("start message field '" + key + "' must be a positive integer, got " + value);
        }
        return (int) value;
    }
}
