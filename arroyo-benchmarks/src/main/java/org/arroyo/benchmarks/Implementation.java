package org.arroyo.benchmarks;

/** What runs between the source and the sink: the transport's own client alone, or an Arroyo pipeline. */
enum Implementation {

    RAW_RELAY,
    ARROYO_PIPELINE;

    String title(Transport transport) {
        return isBaseline() ? transport.baselineTitle() : "Arroyo pipeline";
    }

    Class<?> main(Transport transport) {
        return isBaseline() ? transport.baselineMain() : ArroyoPipeline.class;
    }

    boolean isBaseline() {
        return this == RAW_RELAY;
    }
}
