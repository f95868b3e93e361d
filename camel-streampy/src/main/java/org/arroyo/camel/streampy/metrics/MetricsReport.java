package org.arroyo.camel.streampy.metrics;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.arroyo.camel.codec.PythonFloats;

/**
 * One node's figures for one period, in stream-py's report format:
 * {@code {"t0", "t1", "func", "VUID", "latency_time", "latency_count", "throughput_in", "throughput_out"}},
 * floats as Python writes them, epoch seconds as text keys, an empty figure as {@code null}.
 *
 * @param t0            start of the period, epoch seconds
 * @param t1            end of the period, epoch seconds
 * @param func          what the node does ({@code Messagequeue}, the operator's name)
 * @param vuid          the node's id, the monitoring hub's {@code pipeline_key}
 * @param latencyTime   seconds summed per latency bin
 * @param latencyCount  messages per latency bin
 * @param throughputIn  messages in per epoch second
 * @param throughputOut messages out per epoch second
 */
public record MetricsReport(double t0, double t1, String func, String vuid, Map<String, Double> latencyTime,
        Map<String, Long> latencyCount, Map<Long, Long> throughputIn, Map<Long, Long> throughputOut) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    public MetricsReport {
        latencyTime = ordered(latencyTime);
        latencyCount = ordered(latencyCount);
        throughputIn = ordered(throughputIn);
        throughputOut = ordered(throughputOut);
    }

    /** The report as stream-py's nodes send it to the metrics address. */
    public String toJson() {
        return write(json -> {
            json.writeFieldName("t0");
            json.writeNumber(pythonFloat(t0));
            json.writeFieldName("t1");
            json.writeNumber(pythonFloat(t1));
            json.writeStringField("func", func);
            json.writeStringField("VUID", vuid);
            writeFigure(json, "latency_time", latencyTime, key -> key, MetricsReport::pythonFloat);
            writeFigure(json, "latency_count", latencyCount, key -> key, String::valueOf);
            writeFigure(json, "throughput_in", throughputIn, String::valueOf, String::valueOf);
            writeFigure(json, "throughput_out", throughputOut, String::valueOf, String::valueOf);
        });
    }

    /**
     * What stream-py's metrics receiver posts to the monitoring hub for this report:
     * {@code {"pipeline_key": VUID, "t1", "t0", "topics": {"latency_bins": {bin seconds: count}, "throughput_out": {second: count}}}},
     * or nothing when the report counts no latency.
     */
    public Optional<String> hubJson() {
        if (latencyCount.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(write(json -> {
            json.writeStringField("pipeline_key", vuid);
            json.writeFieldName("t1");
            json.writeNumber(pythonFloat(t1));
            json.writeFieldName("t0");
            json.writeNumber(pythonFloat(t0));
            json.writeObjectFieldStart("topics");
            writeFigure(json, "latency_bins", latencyCount, bin -> pythonFloat(binSeconds(bin)), String::valueOf);
            writeFigure(json, "throughput_out", throughputOut, String::valueOf, String::valueOf);
            json.writeEndObject();
        }));
    }

    /**
     * Reads a report as stream-py's nodes send it.
     *
     * @throws IllegalArgumentException naming the field that is missing or of the wrong kind
     */
    public static MetricsReport fromJson(String text) {
        JsonNode report;
        try {
            report = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("a metrics report must be a JSON object: " + e.getMessage(), e);
        }
        if (report == null || !report.isObject()) {
            throw new IllegalArgumentException("a metrics report must be a JSON object, got: " + text);
        }
        return new MetricsReport(number(report, "t0"), number(report, "t1"), string(report, "func"), string(report, "VUID"),
                figure(report, "latency_time", key -> key, JsonNode::doubleValue),
                figure(report, "latency_count", key -> key, JsonNode::longValue),
                figure(report, "throughput_in", MetricsReport::second, JsonNode::longValue),
                figure(report, "throughput_out", MetricsReport::second, JsonNode::longValue));
    }

    /** The upper bound in seconds of a bin labelled like {@code "0.001000000 s"}. */
    static double binSeconds(String bin) {
        try {
            return Double.parseDouble(bin.split(" ")[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("latency bin '" + bin + "' is not '<seconds> s'", e);
        }
    }

    /** A float as Python's {@code json.dumps} writes it; a report's times and sums are finite. */
    private static String pythonFloat(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("stream-py reports carry finite numbers, got " + value);
        }
        return PythonFloats.repr(value);
    }

    private interface JsonWriting {
        void write(JsonGenerator json) throws IOException;
    }

    private static String write(JsonWriting fields) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** An unmodifiable copy that keeps the order in which the figures were counted, as Python's dicts do. */
    private static <K, V> Map<K, V> ordered(Map<K, V> figure) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(figure));
    }

    private static <K, V> void writeFigure(JsonGenerator json, String name, Map<K, V> figure, Function<K, String> key,
            Function<V, String> number) throws IOException {
        json.writeFieldName(name);
        if (figure.isEmpty()) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        for (Map.Entry<K, V> entry : figure.entrySet()) {
            json.writeFieldName(key.apply(entry.getKey()));
            json.writeNumber(number.apply(entry.getValue()));
        }
        json.writeEndObject();
    }

    private static double number(JsonNode report, String field) {
        JsonNode value = report.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException("metrics report field '" + field + "' must be a number, got " + value);
        }
        return value.doubleValue();
    }

    private static String string(JsonNode report, String field) {
        JsonNode value = report.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            throw new IllegalArgumentException("metrics report field '" + field + "' must be a text, got " + value);
        }
        return value.asText();
    }

    private static <K, V> Map<K, V> figure(JsonNode report, String field, Function<String, K> key, Function<JsonNode, V> value) {
        JsonNode figure = report.get(field);
        Map<K, V> values = new LinkedHashMap<>();
        if (figure == null || figure.isNull()) {
            return values;
        }
        if (!figure.isObject()) {
            throw new IllegalArgumentException("metrics report field '" + field + "' must be an object or null, got " + figure);
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = figure.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (!entry.getValue().isNumber()) {
                throw new IllegalArgumentException("metrics report field '" + field + "." + entry.getKey()
                        + "' must be a number, got " + entry.getValue());
            }
            values.put(key.apply(entry.getKey()), value.apply(entry.getValue()));
        }
        return values;
    }

    private static long second(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("throughput key '" + key + "' is not an epoch second", e);
        }
    }
}
