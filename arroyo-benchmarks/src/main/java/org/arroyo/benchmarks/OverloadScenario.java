package org.arroyo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scenario C, overload: 4 MiB frames as fast as they go while the sink stalls for a while in every measured run. The
 * stage's heap must stay bounded (it runs with {@value Session#STAGE_HEAP}; its peak use is measured), nothing may be
 * lost, and the throughput after the stall must come back to what it was before.
 */
final class OverloadScenario implements Scenario {

    private static final double HEAP_LIMIT_MIB = 512;
    private static final double RECOVERED = 0.8;

    @Override
    public String id() {
        return "C";
    }

    @Override
    public List<Row> run(Plan plan) throws Exception {
        Payload payload = Payload.LARGE;
        double seconds = Plan.STALL_AFTER_SECONDS + plan.stallSeconds() + plan.recoverySeconds();
        Session.Stall stall = new Session.Stall(Plan.STALL_AFTER_SECONDS, plan.stallSeconds());
        Map<Implementation, List<Session.Outcome>> outcomes = Scenario.alternate(plan, "C", Implementation.BASELINE_AND_PIPELINE,
                implementation -> new Session(Transport.ZEROMQ, implementation, payload.frameKib(), payload.hwm(),
                        plan.runsAt(0, seconds), stall));
        double resumed = Plan.STALL_AFTER_SECONDS + plan.stallSeconds();
        Spread baselineAfter = Scenario.measured(outcomes.get(Implementation.RAW_RELAY), "")
                .spread(run -> rate(run, resumed + 1, seconds));
        List<Row> rows = new ArrayList<>();
        for (Implementation implementation : outcomes.keySet()) {
            SinkRuns runs = Scenario.measured(outcomes.get(implementation), "");
            Spread before = runs.spread(run -> rate(run, 0, Plan.STALL_AFTER_SECONDS));
            Spread after = runs.spread(run -> rate(run, resumed + 1, seconds));
            Spread recovery = runs.spread(run -> rate(run, resumed + 1, seconds) / rate(run, 0, Plan.STALL_AFTER_SECONDS));
            double peakHeap = outcomes.get(implementation).stream()
                    .mapToDouble(outcome -> outcome.stageReport().get("peakHeapMiB").asDouble()).max().orElseThrow();
            double peakAfterGc = outcomes.get(implementation).stream()
                    .mapToDouble(outcome -> outcome.stageReport().get("peakHeapAfterGcMiB").asDouble()).max().orElseThrow();
            String notes = String.format("stall %.0f s; %s msg/s before, %s after (%s of before); peak heap %.0f MiB,"
                                         + " %.0f MiB after GC; %s", plan.stallSeconds(), before.format("%.0f"),
                    after.format("%.0f"), recovery.format("%.2f"), peakHeap, peakAfterGc,
                    runs.lost() == 0 ? "nothing lost" : runs.lossNote());
            boolean met = peakHeap < HEAP_LIMIT_MIB && runs.lost() == 0 && recovery.median() >= RECOVERED;
            rows.add(new Row("C overload", payload.label(), implementation.title(Transport.ZEROMQ), after,
                    after.scaled(payload.eventBytes() / 1e6), implementation.isBaseline() ? null : after.ratioTo(baselineAfter),
                    null, runs.spread("p99Millis"), null, notes,
                    "heap < " + (int) HEAP_LIMIT_MIB + " MiB, 0 lost, recovers to >= " + RECOVERED + "x", met));
        }
        return rows;
    }

    /** Events per second the sink received from second {@code from} up to {@code to} of the run (whole seconds). */
    private static double rate(JsonNode run, double from, double to) {
        JsonNode perSecond = run.get("eventsPerSecond");
        int first = (int) Math.ceil(from);
        int last = Math.min((int) to, perSecond.size() - 1);
        if (last <= first) {
            throw new IllegalStateException("run " + run.get("run").asText() + " has no whole second between " + from
                                            + " and " + to + " s");
        }
        long events = 0;
        for (int second = first; second < last; second++) {
            events += perSecond.get(second).asLong();
        }
        return (double) events / (last - first);
    }
}
