package org.arroyo.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One measurement session: a stage (relay or pipeline) between a source and a sink, each its own process on the
 * loopback, for a sequence of runs. The stage starts first and binds its output; the sink connects to it; the source
 * binds its PUSH socket and the stage's PULL connects to it, as a detector and its pipeline are usually deployed.
 *
 * @param stall sink stall per measured run, or null
 */
record Session(Implementation implementation, int frameKib, int hwm, List<RunSpec> runs, Stall stall) {

    /** The stage runs with this heap, so that a pipeline that does not bound its queues fails visibly. */
    static final String STAGE_HEAP = "-Xmx512m";
    private static final List<String> PEER_JVM = List.of("-Xmx1g");
    private static final double STARTUP_SECONDS = 60;
    /** Queues of hwm messages between source and sink: source out, stage in, stage publisher, stage out, sink in. */
    private static final int QUEUES = 5;

    /** The sink stops reading {@code after} seconds into each measured run, for {@code seconds}. */
    record Stall(double after, double seconds) {
    }

    /** What the sink reported for each run, and the stage's own report (its heap). */
    record Outcome(List<JsonNode> sinkRuns, JsonNode stageReport) {
    }

    Outcome run(Path logs, String name) throws IOException, InterruptedException {
        int[] ports = freePorts();
        String in = "tcp://127.0.0.1:" + ports[0];
        String out = "tcp://127.0.0.1:" + ports[1];
        List<String> stageJvm = List.of(STAGE_HEAP, "-Xlog:gc:file=" + logs.resolve(name + "-stage-gc.log"));
        // all three start at once: ZeroMQ connects them whenever each is up, and the warm-up run absorbs the wait
        List<String> stageArgs = new ArrayList<>(List.of("--in", in, "--out", out, "--hwm", String.valueOf(hwm)));
        stageArgs.addAll(implementation.args());
        try (ChildProcess stage = ChildProcess.start(name + " stage", stageJvm, implementation.main(), stageArgs,
                     logs.resolve(name + "-stage.log"));
             ChildProcess sink = ChildProcess.start(name + " sink", PEER_JVM, Sink.class, sinkArgs(out),
                     logs.resolve(name + "-sink.log"));
             ChildProcess source = ChildProcess.start(name + " source", PEER_JVM, Source.class, sourceArgs(in),
                     logs.resolve(name + "-source.log"))) {
            stage.nextReport(STARTUP_SECONDS);
            sink.nextReport(STARTUP_SECONDS);
            List<JsonNode> sinkRuns = new ArrayList<>();
            for (RunSpec spec : runs) {
                double stalled = stall != null && spec.measured() ? stall.seconds() : 0;
                sinkRuns.add(sink.nextReport(STARTUP_SECONDS + spec.seconds() + stalled));
            }
            stage.closeInput();
            Outcome outcome = new Outcome(sinkRuns, stage.nextReport(STARTUP_SECONDS));
            JsonLines.MAPPER.writeValue(logs.resolve(name + "-reports.json").toFile(), outcome);
            return outcome;
        }
    }

    private List<String> sinkArgs(String out) {
        List<String> args = new ArrayList<>(List.of("--connect", out, "--frame-kib", String.valueOf(frameKib),
                "--hwm", String.valueOf(hwm), "--runs", String.valueOf(runs.size()),
                "--settle-events", String.valueOf(QUEUES * hwm)));
        if (stall != null) {
            args.addAll(List.of("--stall-after", String.valueOf(stall.after()), "--stall-for", String.valueOf(stall.seconds())));
        }
        return args;
    }

    private List<String> sourceArgs(String in) {
        List<String> args = new ArrayList<>(List.of("--bind", in, "--frame-kib", String.valueOf(frameKib),
                "--hwm", String.valueOf(hwm)));
        runs.forEach(spec -> args.addAll(List.of("--run", spec.toString())));
        return args;
    }

    /** Two distinct free ports: both are held open while the second is chosen, so they cannot be the same. */
    private static int[] freePorts() throws IOException {
        try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
            return new int[] { first.getLocalPort(), second.getLocalPort() };
        }
    }
}
