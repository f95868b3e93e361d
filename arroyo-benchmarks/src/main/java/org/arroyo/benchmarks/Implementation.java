package org.arroyo.benchmarks;

import java.util.List;

/**
 * What runs between the source and the sink: the transport's own client alone, an Arroyo pipeline, or (scenario A)
 * Camel's route alone.
 */
enum Implementation {

    RAW_RELAY(null),
    /** Camel's own route between the same endpoints, decoding nothing: what the pipeline costs beyond Camel itself. */
    CAMEL_ROUTE("Camel route alone, no decoding", "--operator", ArroyoPipeline.CAMEL_ROUTE),
    ARROYO_PIPELINE("Arroyo pipeline"),
    /** The pipeline with an operator that returns a new message, so that every event is encoded again. */
    ARROYO_PIPELINE_NEW_MESSAGE("Arroyo pipeline, new message", "--operator", "new-message");

    /** The baseline and the pipeline as the scenarios specify it (pass-through operator). */
    static final List<Implementation> BASELINE_AND_PIPELINE = List.of(RAW_RELAY, ARROYO_PIPELINE);

    private final String title;
    private final List<String> args;

    Implementation(String title, String... args) {
        this.title = title;
        this.args = List.of(args);
    }

    /** The title in the results; the baseline's names the transport's client, e.g. "raw JeroMQ relay". */
    String title(Transport transport) {
        return isBaseline() ? transport.baselineTitle() : title;
    }

    Class<?> main(Transport transport) {
        return isBaseline() ? transport.baselineMain() : ArroyoPipeline.class;
    }

    /** Arguments of the main class beyond the stage addresses. */
    List<String> args() {
        return args;
    }

    boolean isBaseline() {
        return this == RAW_RELAY;
    }
}
