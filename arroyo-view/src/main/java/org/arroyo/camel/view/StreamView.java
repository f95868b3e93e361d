package org.arroyo.camel.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;

/**
 * What a view shows, and the JSON update the page reads. {@link #record} (the route's thread) only keeps references
 * and counts; {@link #takeUpdate} (the refresher's thread) does the encoding, for the latest messages only.
 */
final class StreamView {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ViewConfiguration configuration;

    // guarded by this: written by the route, read by the refresher
    private Map<String, Object> start;
    private Map<String, Object> stop;
    private boolean running;
    /** Every numeric list field of the starts seen, latest first: the x axes a 1-D array may be plotted against. */
    private final Map<String, List<?>> axes = new LinkedHashMap<>();
    private long events;
    private long images;
    private long plots;
    private long skipped;
    private Event image;
    private NdArray plot;
    private String note;
    private boolean changed;

    // the refresher's own
    private long shownEvents;
    private long shownAt = System.nanoTime();
    private double shownRate;
    private Event encodedImage;
    private Map<String, Object> encodedImageJson;

    StreamView(ViewConfiguration configuration) {
        this.configuration = configuration;
    }

    synchronized void record(ArroyoMessage message) {
        changed = true;
        if (message instanceof Start run) {
            start = run.data();
            running = true;
            start.forEach((field, value) -> {
                if (value instanceof List<?> values && values.stream().allMatch(Number.class::isInstance)) {
                    axes.remove(field);
                    axes.put(field, values);
                }
            });
        } else if (message instanceof Stop end) {
            // kept when the next run starts: the last summary, until the next stop
            stop = end.data();
            running = false;
        } else {
            Event event = (Event) message;
            events++;
            Optional<NdArray> array = event.array();
            int dimensions = array.map(a -> a.shape().length).orElse(0);
            if (array.isEmpty()) {
                note = "event " + events + " carries no array" + (event.hasPayload() ? " (" + event.payload().remaining() + " bytes)" : "");
            } else if (array.get().size() == 0) {
                note = "event " + events + " carries an empty array, " + array.get();
            } else if (dimensions == 1) {
                plots++;
                plot = array.get();
            } else if (dimensions >= 2) {
                images++;
                image = event;
            } else {
                note = "event " + events + " carries a 0-d array, " + array.get();
            }
        }
    }

    synchronized void skip(String what) {
        skipped++;
        note = "skipped " + what + ": not an Arroyo message";
        changed = true;
    }

    synchronized void note(String text) {
        note = text;
        changed = true;
    }

    /** Sends the state again at the next refresh (to a browser that just opened the page). */
    synchronized void touch() {
        changed = true;
    }

    /** The page's update, or null when nothing changed since the last one. */
    String takeUpdate() {
        Map<String, Object> update = new LinkedHashMap<>();
        Event latestImage;
        NdArray latestPlot;
        List<Map.Entry<String, List<?>>> knownAxes;
        synchronized (this) {
            if (!changed && shownRate == 0) {
                return null;
            }
            changed = false;
            long now = System.nanoTime();
            shownRate = (events - shownEvents) / Math.max(1e-9, (now - shownAt) / 1e9);
            shownEvents = events;
            shownAt = now;
            update.put("name", configuration.getName());
            update.put("events", events);
            update.put("rate", shownRate);
            update.put("images", images);
            update.put("plots", plots);
            update.put("skipped", skipped);
            update.put("start", start == null ? null : forPage(start));
            update.put("running", running);
            update.put("stop", stop == null ? null : forPage(stop));
            update.put("note", note);
            latestImage = image;
            latestPlot = plot;
            knownAxes = new ArrayList<>(axes.entrySet());
        }
        update.put("image", latestImage == null ? null : image(latestImage));
        update.put("plot", latestPlot == null ? null : plot(latestPlot, knownAxes));
        try {
            return JSON.writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the view's update cannot be written as JSON", e);
        }
    }

    private Map<String, Object> image(Event event) {
        if (event != encodedImage) {
            encodedImageJson = FrameImage.of(event.array().orElseThrow(), configuration.getMaxSide());
            encodedImageJson.put("fields", forPage(event.metadata()));
            encodedImage = event;
        }
        return encodedImageJson;
    }

    /** A 1-D array against the latest start field of the same length (such as q), else against its index. */
    private Map<String, Object> plot(NdArray array, List<Map.Entry<String, List<?>>> knownAxes) {
        int length = Math.toIntExact(array.size());
        int step = Samples.step(length, configuration.getMaxSide());
        int kept = Samples.kept(length, step);
        Map<String, Object> plot = new LinkedHashMap<>();
        plot.put("dtype", array.dtype().numpyName());
        plot.put("length", length);
        plot.put("y", finite(Samples.of(array, 0, kept, step)));
        plot.put("xLabel", "index");
        plot.put("x", null);
        for (int axis = knownAxes.size() - 1; axis >= 0; axis--) {
            List<?> values = knownAxes.get(axis).getValue();
            if (values.size() == length) {
                List<Object> x = new ArrayList<>(kept);
                for (int i = 0; i < length; i += step) {
                    x.add(forPage(values.get(i)));
                }
                plot.put("xLabel", knownAxes.get(axis).getKey());
                plot.put("x", x);
                break;
            }
        }
        return plot;
    }

    /** JSON has no NaN or infinity: they become null (a gap in the plot). */
    private static List<Double> finite(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double value : values) {
            list.add(Double.isFinite(value) ? value : null);
        }
        return list;
    }

    /** Fields as JSON can carry them: numbers, text, lists and maps as they are; arrays, bytes and non-finite numbers described. */
    private static Object forPage(Object value) {
        if (value == null || value instanceof Number || value instanceof String || value instanceof Boolean) {
            boolean notFinite = (value instanceof Double || value instanceof Float) && !Double.isFinite(((Number) value).doubleValue());
            return notFinite ? value.toString() : value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> fields = new LinkedHashMap<>();
            map.forEach((key, field) -> fields.put(String.valueOf(key), forPage(field)));
            return fields;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(StreamView::forPage).toList();
        }
        if (value instanceof byte[] bytes) {
            return bytes.length + " bytes";
        }
        return String.valueOf(value);
    }
}
