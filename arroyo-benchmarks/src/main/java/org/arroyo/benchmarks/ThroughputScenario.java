package org.arroyo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario A, the pipeline shape: source PUSH, then the stage (PULL listener, decoding, pass-through operator,
 * encoding, PUSH publisher; or the raw relay; or Camel's route alone), then sink PULL, as fast as it goes, for each
 * payload.
 */
final class ThroughputScenario implements Scenario {

    @Override
    public String id() {
        return "A";
    }

    @Override
    public List<Row> run(Plan plan) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Payload payload : Payload.values()) {
            Map<Implementation, List<Session.Outcome>> outcomes = Scenario.alternate(plan, "A-" + payload.name().toLowerCase(),
                    List.of(Implementation.values()),
                    implementation -> new Session(Transport.ZEROMQ, implementation, payload.frameKib(), payload.hwm(),
                            plan.runsAt(0, plan.runSeconds()), null));
            SinkRuns baseline = Scenario.measured(outcomes.get(Implementation.RAW_RELAY), "");
            for (Implementation implementation : outcomes.keySet()) {
                SinkRuns runs = Scenario.measured(outcomes.get(implementation), "");
                rows.add(row(payload, implementation, runs, baseline, Scenario.cpuMicrosPerEvent(outcomes.get(implementation))));
            }
        }
        return rows;
    }

    private static Row row(Payload payload, Implementation implementation, SinkRuns runs, SinkRuns baseline, Spread cpu) {
        boolean small = payload == Payload.SMALL;
        Spread msgPerSec = runs.spread("msgPerSec");
        Double ratio = implementation.isBaseline() ? null : msgPerSec.ratioTo(baseline.spread("msgPerSec"));
        double goal = 0.8;
        // the target is the pipeline's as specified (pass-through operator); other variants are for comparison
        boolean specified = implementation == Implementation.ARROYO_PIPELINE;
        String target = specified ? ">= " + goal + "x raw " + (small ? "msg/s" : "bytes/s") : "";
        Boolean met = specified ? ratio >= goal && runs.lost() == 0 : null;
        return new Row("A throughput", payload.label(), implementation.title(Transport.ZEROMQ), msgPerSec,
                runs.spread("mbPerSec"), ratio, runs.spread("p50Millis"), runs.spread("p99Millis"), runs.spread("p999Millis"),
                "stage CPU " + cpu.format("%.1f") + " us/event" + (runs.lost() == 0 ? "" : "; " + runs.lossNote()), target, met);
    }
}
