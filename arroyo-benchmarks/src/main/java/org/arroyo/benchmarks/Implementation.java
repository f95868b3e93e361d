package org.arroyo.benchmarks;

import java.util.List;

/** What runs between the source and the sink. */
enum Implementation {

    RAW_RELAY("raw JeroMQ relay", RawRelay.class),
    ARROYO_PIPELINE("Arroyo pipeline", ArroyoPipeline.class),
    /** The pipeline with an operator that returns a new message, so that every event is encoded again. */
    ARROYO_PIPELINE_NEW_MESSAGE("Arroyo pipeline, new message", ArroyoPipeline.class, "--operator", "new-message");

    /** The baseline and the pipeline as the scenarios specify it (pass-through operator). */
    static final List<Implementation> BASELINE_AND_PIPELINE = List.of(RAW_RELAY, ARROYO_PIPELINE);

    private final String title;
    private final Class<?> main;
    private final List<String> args;

    Implementation(String title, Class<?> main, String... args) {
        this.title = title;
        this.main = main;
        this.args = List.of(args);
    }

    String title() {
        return title;
    }

    Class<?> main() {
        return main;
    }

    /** Arguments of the main class beyond the stage addresses. */
    List<String> args() {
        return args;
    }

    boolean isBaseline() {
        return this == RAW_RELAY;
    }
}
