package org.arroyo.camel.dsl;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.camel.util.TimeUtils;
import org.arroyo.camel.operator.EndpointUris;
import org.arroyo.camel.operator.Operator;
import org.arroyo.camel.operator.Partitioner;

/**
 * Reads the built-in stages as the data forms (route template, blocks file, Kamelets) write them: the
 * order of the stages by name, and each stage's settings by the same names everywhere (as text or
 * YAML values). One place for the names, the defaults and the checks, so every form says the same
 * about the same mistake.
 */
public final class StageSettings {

    public static final String DECOUPLE = "decouple";
    public static final String OPERATOR = "operator";
    public static final String BATCH = "batch";
    public static final String UNBATCH = "unbatch";
    public static final String PARTITION = "partition";

    /** The stages that can be put in order, and the settings each takes. */
    public static final Map<String, List<String>> STAGES;

    static {
        Map<String, List<String>> stages = new LinkedHashMap<>();
        stages.put(DECOUPLE, List.of("queueSize", "threads"));
        stages.put(OPERATOR, List.of());
        stages.put(BATCH, List.of("maxSize", "maxAge", "maxIdle"));
        stages.put(UNBATCH, List.of());
        STAGES = Collections.unmodifiableMap(stages);
    }

    /** The settings of the partitioned end of a pipeline (all required). */
    public static final List<String> PARTITION_SETTINGS = List.of("by", "field", "outputs");

    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_IDLE = Duration.ofSeconds(1);
    public static final int DEFAULT_QUEUE_SIZE = 1000;
    public static final int DEFAULT_THREADS = 1;

    /** Camel's duration text: 1500 (milliseconds), 500ms, 2s, 1m30s, 1h, 1d. */
    private static final Pattern DURATION = Pattern.compile("\\d+|(\\d+d)?(\\d+h)?(\\d+m(?!s))?(\\d+s)?(\\d+ms)?");

    private StageSettings() {
    }

    /**
     * The stages in the order given.
     *
     * @param order    stage names in order, or null for just the operator (if there is one)
     * @param operator the operator, or null
     * @param settings each configured stage's settings (setting name to value); only stages in the order may have any
     * @throws IllegalArgumentException saying what is wrong
     */
    public static List<Stage> stages(List<String> order, Operator operator, Map<String, Map<String, Object>> settings) {
        List<String> names = order != null ? order : operator != null ? List.of(OPERATOR) : List.of();
        Set<String> seen = new HashSet<>();
        List<Stage> stages = new ArrayList<>();
        for (String name : names) {
            if (!STAGES.containsKey(name)) {
                throw new IllegalArgumentException("unknown stage '" + name + "' (expected " + String.join(", ", STAGES.keySet()) + ")");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("stage '" + name + "' is named twice in " + names);
            }
            stages.add(stage(name, operator, settings.getOrDefault(name, Map.of())));
        }
        for (String configured : settings.keySet()) {
            if (!seen.contains(configured)) {
                throw new IllegalArgumentException(configured + " settings are given but '" + configured + "' is not in the stages " + names);
            }
        }
        if (operator != null && !seen.contains(OPERATOR)) {
            throw new IllegalArgumentException("an operator is given but 'operator' is not in the stages " + names);
        }
        return stages;
    }

    private static Stage stage(String name, Operator operator, Map<String, Object> settings) {
        knownSettings(name, STAGES.get(name), settings);
        return switch (name) {
            case OPERATOR -> {
                if (operator == null) {
                    throw new IllegalArgumentException("the stages name 'operator' but no operator is given");
                }
                yield new Stage.Operating(operator);
            }
            case BATCH -> batching(settings.get("maxSize"), settings.get("maxAge"), settings.get("maxIdle"));
            case DECOUPLE -> decoupling(settings.get("queueSize"), settings.get("threads"));
            default -> new Stage.Unbatching();
        };
    }

    /** Batching; {@code maxSize} is required, the durations default to {@link #DEFAULT_MAX_AGE} and {@link #DEFAULT_MAX_IDLE}. */
    public static Stage.Batching batching(Object maxSize, Object maxAge, Object maxIdle) {
        if (blank(maxSize)) {
            throw new IllegalArgumentException("batch needs a maxSize");
        }
        return new Stage.Batching(positive(BATCH, "maxSize", maxSize),
                blank(maxAge) ? DEFAULT_MAX_AGE : duration(BATCH, "maxAge", maxAge),
                blank(maxIdle) ? DEFAULT_MAX_IDLE : duration(BATCH, "maxIdle", maxIdle));
    }

    /** Decoupling; the settings default to {@link #DEFAULT_QUEUE_SIZE} and {@link #DEFAULT_THREADS}. */
    public static Stage.Decoupling decoupling(Object queueSize, Object threads) {
        return new Stage.Decoupling(blank(queueSize) ? DEFAULT_QUEUE_SIZE : positive(DECOUPLE, "queueSize", queueSize),
                blank(threads) ? DEFAULT_THREADS : positive(DECOUPLE, "threads", threads));
    }

    /**
     * The partitioned end of a pipeline, or null when no partition setting is given.
     *
     * @param outputs a list of endpoint URIs, or one text of URIs separated by commas
     */
    public static Stage.Partitioning partitioning(Map<String, Object> settings) {
        if (settings.isEmpty()) {
            return null;
        }
        knownSettings(PARTITION, PARTITION_SETTINGS, settings);
        for (String setting : PARTITION_SETTINGS) {
            if (blank(settings.get(setting))) {
                throw new IllegalArgumentException("partition needs " + String.join(", ", PARTITION_SETTINGS) + "; " + setting + " is missing");
            }
        }
        Object outputs = settings.get("outputs");
        List<String> uris = outputs instanceof List<?> list ? list.stream().map(String::valueOf).map(String::strip).toList()
                : EndpointUris.split(String.valueOf(outputs));
        Stage.Partitioning partitioning = new Stage.Partitioning(String.valueOf(settings.get("by")).strip(),
                String.valueOf(settings.get("field")).strip(), uris);
        Partitioner.of(partitioning.by(), partitioning.field());
        return partitioning;
    }

    private static void knownSettings(String stage, List<String> known, Map<String, Object> settings) {
        for (String setting : settings.keySet()) {
            if (!known.contains(setting)) {
                throw new IllegalArgumentException(stage + " has no setting '" + setting + "'"
                        + (known.isEmpty() ? "" : " (expected " + String.join(", ", known) + ")"));
            }
        }
    }

    static int positive(String stage, String setting, Object value) {
        String text = String.valueOf(value).strip();
        try {
            int number = Integer.parseInt(text);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(stage + " " + setting + " must be a whole number of at least 1, not '" + text + "'");
    }

    static Duration duration(String stage, String setting, Object value) {
        String text = String.valueOf(value).strip();
        Duration duration = null;
        try {
            if (text.startsWith("P") || text.startsWith("p")) {
                duration = Duration.parse(text);
            } else if (DURATION.matcher(text).matches()) {
                duration = Duration.ofMillis(TimeUtils.toMilliSeconds(text));
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            // said below
        }
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(stage + " " + setting + " must be a positive duration such as 500ms, 2s or 1500"
                    + " (milliseconds), not '" + text + "'");
        }
        return duration;
    }

    private static boolean blank(Object value) {
        return value == null || String.valueOf(value).isBlank();
    }
}
