package org.arroyo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Scenario B, latency: 1,118-byte events at fixed rates, source-to-sink percentiles from each event's send time. */
final class LatencyScenario implements Scenario {

    private static final int[] RATES = { 1_000, 10_000 };
    private static final double TARGET_P99_MILLIS = 2;

    @Override
    public String id() {
        return "B";
    }

    @Override
    public List<Row> run(Plan plan) throws Exception {
        Payload payload = Payload.SMALL;
        Map<Implementation, List<Session.Outcome>> outcomes = Scenario.alternate(plan, "B", Implementation.BASELINE_AND_PIPELINE,
                implementation -> new Session(Transport.ZEROMQ, implementation, payload.frameKib(), payload.hwm(), runs(plan),
                        null));
        List<Row> rows = new ArrayList<>();
        for (int rate : RATES) {
            SinkRuns baseline = Scenario.measured(outcomes.get(Implementation.RAW_RELAY), label(rate) + "-");
            for (Implementation implementation : outcomes.keySet()) {
                SinkRuns runs = Scenario.measured(outcomes.get(implementation), label(rate) + "-");
                Spread msgPerSec = runs.spread("msgPerSec");
                Spread p99 = runs.spread("p99Millis");
                boolean held = rate == RATES[RATES.length - 1] && !implementation.isBaseline();
                rows.add(new Row("B latency @" + label(rate) + "/s", payload.label(), implementation.title(Transport.ZEROMQ),
                        msgPerSec, runs.spread("mbPerSec"),
                        implementation.isBaseline() ? null : msgPerSec.ratioTo(baseline.spread("msgPerSec")),
                        runs.spread("p50Millis"), p99, runs.spread("p999Millis"), runs.lossNote(),
                        held ? "p99 < " + TARGET_P99_MILLIS + " ms" : "", held ? p99.median() < TARGET_P99_MILLIS : null));
            }
        }
        return rows;
    }

    /** A warm-up at the highest rate, then each rate in turn, as many times as the plan measures. */
    private static List<RunSpec> runs(Plan plan) {
        List<RunSpec> runs = plan.warmupAt(RATES[RATES.length - 1]);
        for (int i = 1; i <= plan.runsPerSession(); i++) {
            for (int rate : RATES) {
                runs.add(new RunSpec(label(rate) + "-" + i, plan.runSeconds(), rate));
            }
        }
        return runs;
    }

    private static String label(int rate) {
        return rate / 1000 + "k";
    }
}
