package org.arroyo.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One measurement session: a stage (baseline or pipeline) between a source and a sink, each its own process, for a
 * sequence of runs, over ZeroMQ on the loopback or through a broker ({@link Transport}).
 *
 * @param stall sink stall per measured run, or null
 */
record Session(Transport transport, Implementation implementation, int frameKib, int hwm, List<RunSpec> runs, Stall stall) {

    /** The stage runs with this heap, so that a pipeline that does not bound its queues fails visibly. */
    static final String STAGE_HEAP = "-Xmx512m";
    private static final List<String> PEER_JVM = List.of("-Xmx1g");
    private static final double STARTUP_SECONDS = 60;
    /** The sink gives up on a run after this long without a message; shorter than the runner's wait for its report. */
    private static final int SINK_IDLE_SECONDS = 30;

    /** The sink stops reading {@code after} seconds into each measured run, for {@code seconds}. */
    record Stall(double after, double seconds) {
    }

    /** What the sink and the source reported for each run, and the stage's own report (its CPU time and heap). */
    record Outcome(List<JsonNode> sinkRuns, List<JsonNode> sourceRuns, JsonNode stageReport) {
    }

    Outcome run(Path logs, String name) throws Exception {
        try (Transport.Lanes lanes = transport.open(name)) {
            List<String> stageJvm = List.of(STAGE_HEAP, "-Xlog:gc:file=" + logs.resolve(name + "-stage-gc.log"));
            List<String> stageArgs = new ArrayList<>(List.of("--in", lanes.in(), "--out", lanes.out(),
                    "--hwm", String.valueOf(hwm)));
            stageArgs.addAll(implementation.args());
            // all three start at once: ZeroMQ connects them whenever each is up, a broker keeps what the source sends
            // before the stage listens (on Redis pub/sub, the source waits for the subscribers), and the warm-up run
            // absorbs the wait
            try (ChildProcess stage = ChildProcess.start(name + " stage", stageJvm, implementation.main(transport), stageArgs,
                         logs.resolve(name + "-stage.log"));
                 ChildProcess sink = ChildProcess.start(name + " sink", PEER_JVM, Sink.class, sinkArgs(lanes),
                         logs.resolve(name + "-sink.log"));
                 ChildProcess source = ChildProcess.start(name + " source", PEER_JVM, Source.class, sourceArgs(lanes),
                         logs.resolve(name + "-source.log"))) {
                stage.nextReport(STARTUP_SECONDS);
                sink.nextReport(STARTUP_SECONDS);
                List<JsonNode> sinkRuns = new ArrayList<>();
                for (RunSpec spec : runs) {
                    double stalled = stall != null && spec.measured() ? stall.seconds() : 0;
                    sinkRuns.add(sink.nextReport(STARTUP_SECONDS + spec.seconds() + stalled));
                }
                List<JsonNode> sourceRuns = new ArrayList<>();
                for (RunSpec ignored : runs) {
                    sourceRuns.add(source.nextReport(STARTUP_SECONDS));
                }
                stage.closeInput();
                Outcome outcome = new Outcome(sinkRuns.stream().map(run -> countedBySource(run, sourceRuns)).toList(),
                        sourceRuns, stage.nextReport(STARTUP_SECONDS));
                JsonLines.MAPPER.writeValue(logs.resolve(name + "-reports.json").toFile(), outcome);
                return outcome;
            }
        }
    }

    /**
     * The sink's report of a run, and if the sink never received the run's stop (Redis pub/sub loses messages), with
     * the events the source reported sending.
     */
    private static JsonNode countedBySource(JsonNode sinkRun, List<JsonNode> sourceRuns) {
        if (!sinkRun.get("expected").isNull()) {
            return sinkRun;
        }
        String label = sinkRun.get("run").asText();
        long expected = sourceRuns.stream().filter(run -> run.get("run").asText().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the sink reported run " + label + ", which the source never sent"))
                .get("sent").asLong();
        return ((ObjectNode) sinkRun.deepCopy()).put("expected", expected).put("lost", expected - sinkRun.get("events").asLong());
    }

    private List<String> sinkArgs(Transport.Lanes lanes) {
        List<String> args = new ArrayList<>(lanes.sinkOptions());
        args.addAll(List.of("--frame-kib", String.valueOf(frameKib), "--hwm", String.valueOf(hwm),
                "--runs", String.valueOf(runs.size()), "--settle-events", String.valueOf(transport.settleEvents(hwm)),
                "--idle-timeout", String.valueOf(SINK_IDLE_SECONDS)));
        if (stall != null) {
            args.addAll(List.of("--stall-after", String.valueOf(stall.after()), "--stall-for", String.valueOf(stall.seconds())));
        }
        return args;
    }

    private List<String> sourceArgs(Transport.Lanes lanes) {
        List<String> args = new ArrayList<>(lanes.sourceOptions());
        args.addAll(List.of("--frame-kib", String.valueOf(frameKib), "--hwm", String.valueOf(hwm)));
        runs.forEach(spec -> args.addAll(List.of("--run", spec.toString())));
        return args;
    }
}
