package org.arroyo.benchmarks;

/** What runs between the source and the sink. */
enum Implementation {

    RAW_RELAY("raw JeroMQ relay", RawRelay.class),
    ARROYO_PIPELINE("Arroyo pipeline", ArroyoPipeline.class);

    private final String title;
    private final Class<?> main;

    Implementation(String title, Class<?> main) {
        this.title = title;
        this.main = main;
    }

    String title() {
        return title;
    }

    Class<?> main() {
        return main;
    }

    boolean isBaseline() {
        return this == RAW_RELAY;
    }
}
