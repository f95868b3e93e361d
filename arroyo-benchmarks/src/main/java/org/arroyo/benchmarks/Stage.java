package org.arroyo.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The life of a middle stage (a relay or a pipeline) under the benchmark runner: it says it is ready, runs until its
 * standard input closes, stops, and reports its heap.
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
        try (HeapWatch heap = new HeapWatch()) {
            Running stage = starter.start();
            JsonLines.print(Map.of("role", name, "ready", true));
            drain(System.in);
            stage.close();
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("role", name);
            report.putAll(heap.report());
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
