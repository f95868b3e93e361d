package org.arroyo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.JsonNode;

/** The measured runs a sink reported, over one or more sessions, and the figures they give. */
final class SinkRuns {

    private final List<JsonNode> runs = new ArrayList<>();

    /** Adds the measured runs of a session whose labels start with the prefix (warm-up runs are left out). */
    void addMeasured(List<JsonNode> reported, String labelPrefix) {
        reported.stream().filter(run -> RunSpec.isMeasured(run.get("run").asText()))
                .filter(run -> run.get("run").asText().startsWith(labelPrefix)).forEach(runs::add);
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    /** The field over the runs that have it (a run too short to measure its rate has none). */
    Spread spread(String field) {
        List<Double> values = runs.stream().filter(run -> run.hasNonNull(field)).map(run -> run.get(field).asDouble()).toList();
        if (values.isEmpty()) {
            throw new IllegalStateException("no run measured " + field + ": runs too short for the queued events");
        }
        return Spread.of(values);
    }

    Spread spread(ToDoubleFunction<JsonNode> figure) {
        return Spread.of(runs.stream().map(figure::applyAsDouble).toList());
    }

    /** Events the source sent in these runs. */
    long expected() {
        return runs.stream().mapToLong(run -> run.get("expected").asLong()).sum();
    }

    long lost() {
        return runs.stream().mapToLong(run -> run.get("lost").asLong()).sum();
    }

    /** A note on what was lost, empty when nothing was. */
    String lossNote() {
        long lost = lost();
        return lost == 0 ? "" : "LOST " + lost + " events";
    }
}
