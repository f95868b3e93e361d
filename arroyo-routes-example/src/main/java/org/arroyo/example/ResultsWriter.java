package org.arroyo.example;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;

/**
 * The end of the example: collects a run's reduced profiles, prints progress (events/s) and a
 * summary, and at the run's stop writes {@code profiles.csv} (q, then one column per frame),
 * {@code statistics.csv} (one row per frame), {@code profiles.png} and {@code run.json} (the run
 * and the endpoints it went through) under the output directory.
 */
public class ResultsWriter implements Processor {

    private final Path outputDir;
    private final PrintStream console;
    private final Runnable onRunComplete;
    private final Map<String, String> endpoints;
    private final List<double[]> profiles = new ArrayList<>();
    private final List<Map<String, Object>> statistics = new ArrayList<>();
    private List<?> q = List.of();
    private String runId = "";
    private long runStartedAt;
    private long lastReportAt;

    /**
     * @param endpoints what the run went through (e.g. listener and publisher URIs), recorded in {@code run.json}
     */
    public ResultsWriter(Path outputDir, PrintStream console, Runnable onRunComplete, Map<String, String> endpoints) {
        this.outputDir = outputDir;
        this.console = console;
        this.onRunComplete = onRunComplete;
        this.endpoints = Map.copyOf(endpoints);
    }

    @Override
    public synchronized void process(Exchange exchange) throws Exception {
        ArroyoMessage message = exchange.getMessage().getMandatoryBody(ArroyoMessage.class);
        if (message instanceof Start start) {
            profiles.clear();
            statistics.clear();
            q = (List<?>) start.data().get("q_nm");
            runId = String.valueOf(start.data().get("run_id"));
            runStartedAt = lastReportAt = System.nanoTime();
            console.printf("run %s: reducing %s frames of %sx%s pixels%n", runId, start.data().get("frames"),
                    start.data().get("width"), start.data().get("height"));
        } else if (message instanceof Event event) {
            profiles.add(event.array().orElseThrow().toDoubleArray());
            statistics.add(event.metadata());
            reportProgress();
        } else {
            finish((Stop) message);
        }
    }

    private void reportProgress() {
        long now = System.nanoTime();
        if (now - lastReportAt >= 1_000_000_000L) {
            lastReportAt = now;
            console.printf("run %s: %d frames, %.1f events/s%n", runId, profiles.size(), rate(now));
        }
    }

    private double rate(long now) {
        return profiles.size() / Math.max(1e-9, (now - runStartedAt) / 1e9);
    }

    private void finish(Stop stop) throws IOException {
        Files.createDirectories(outputDir);
        Files.writeString(outputDir.resolve("profiles.csv"), profilesCsv());
        Files.writeString(outputDir.resolve("statistics.csv"), statisticsCsv());
        ProfilePlot.write(outputDir.resolve("profiles.png"), q, profiles, "run " + runId);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("run_id", runId);
        run.put("frames", profiles.size());
        run.put("stop", stop.data());
        run.put("endpoints", new TreeMap<>(endpoints));
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(outputDir.resolve("run.json").toFile(), run);
        console.printf("run %s done: %d frames reduced at %.1f events/s; wrote %s%n", runId, profiles.size(),
                rate(System.nanoTime()), outputDir.toAbsolutePath());
        onRunComplete.run();
    }

    private String profilesCsv() {
        StringBuilder csv = new StringBuilder("q_nm");
        for (int frame = 0; frame < profiles.size(); frame++) {
            csv.append(",frame_").append(statistics.get(frame).get("frame_number"));
        }
        csv.append('\n');
        for (int bin = 0; bin < q.size(); bin++) {
            csv.append(format(((Number) q.get(bin)).doubleValue()));
            for (double[] profile : profiles) {
                csv.append(',').append(format(profile[bin]));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private String statisticsCsv() {
        StringBuilder csv = new StringBuilder("frame_number,total,mean,min,max\n");
        for (Map<String, Object> row : statistics) {
            csv.append(row.get("frame_number"));
            for (String column : List.of("total", "mean", "min", "max")) {
                csv.append(',').append(format(((Number) row.get(column)).doubleValue()));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "nan" : String.format(Locale.ROOT, "%.10g", value);
    }
}
