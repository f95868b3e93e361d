package org.arroyo.camel.operator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;

/**
 * A frame check's counts as Micrometer counters in camel-micrometer's registry, named as the arroyopy meters are
 * ({@code arroyopy_frame_gaps_total}, {@code arroyopy_frames_missing_total}, {@code arroyopy_frame_duplicates_total},
 * {@code arroyopy_frames_out_of_order_total}, {@code arroyopy_frame_count_mismatches_total}), tagged {@code pipeline}.
 * Gaps, duplicates and frames out of order count as they arrive; missing frames and count mismatches at a run's stop,
 * when they are known.
 */
final class FrameMeters {

    private final Counter gaps;
    private final Counter missing;
    private final Counter duplicates;
    private final Counter outOfOrder;
    private final Counter mismatches;

    private FrameMeters(MeterRegistry registry, String pipeline) {
        gaps = counter(registry, pipeline, "arroyopy.frame.gaps", "Gaps opened in runs' frame sequences");
        missing = counter(registry, pipeline, "arroyopy.frames.missing", "Frames missing from runs at their stop");
        duplicates = counter(registry, pipeline, "arroyopy.frame.duplicates", "Frames whose number had arrived before in the run");
        outOfOrder = counter(registry, pipeline, "arroyopy.frames.out.of.order", "Frames that arrived after a higher number");
        mismatches = counter(registry, pipeline, "arroyopy.frame.count.mismatches",
                "Stops whose frame count differs from the frames that arrived");
    }

    /** The counters in the CamelContext's camel-micrometer registry (created there if there is none). */
    static FrameMeters register(CamelContext camelContext, String pipeline) {
        return new FrameMeters(MicrometerUtils.getOrCreateMeterRegistry(camelContext.getRegistry(),
                MicrometerConstants.METRICS_REGISTRY_NAME), pipeline);
    }

    /** Counts what changed with one event. */
    void arrived(FrameCount before, FrameCount after) {
        gaps.increment(after.gaps() - before.gaps());
        duplicates.increment(after.duplicates() - before.duplicates());
        outOfOrder.increment(after.outOfOrder() - before.outOfOrder());
    }

    /** Counts what a run's stop settles. */
    void stopped(FrameCount run) {
        missing.increment(run.missing());
        if (run.countMismatch()) {
            mismatches.increment();
        }
    }

    private static Counter counter(MeterRegistry registry, String pipeline, String name, String description) {
        return Counter.builder(name).description(description).tag("pipeline", pipeline).register(registry);
    }
}
