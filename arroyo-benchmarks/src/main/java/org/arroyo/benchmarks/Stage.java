package org.arroyo.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The life of a middle stage (a relay or a pipeline) under the benchmark runner: it says it is ready, runs until its
 * standard input closes, stops, and reports the CPU time it used while running (startup left out) and its heap.
 */
final class Stage {

    /** Something that runs between the source and the sink once started. */
    interface Running extends AutoCloseable {
    }

    private Stage() {
    }

    /** A way to start a stage. */
    interface Starter {
        Running start() throws Exception;
    }

    static void runUntilStdinCloses(String name, Starter starter) throws Exception {
        try (ProcessWatch watch = new ProcessWatch()) {
            Running stage = starter.start();
            double startupCpu = ProcessWatch.cpuSeconds();
            JsonLines.print(Map.of("role", name, "ready", true));
            drain(System.in);
            double runningCpu = ProcessWatch.cpuSeconds() - startupCpu;
            stage.close();
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("role", name);
            report.put("cpuSeconds", runningCpu);
            report.putAll(watch.report());
            JsonLines.print(report);
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] ignored = new byte[256];
        while (in.read(ignored) >= 0) {
            // the runner never writes; it closes the stream to stop the stage
        }
    }
}
