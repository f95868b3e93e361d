package org.arroyo.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * What the sink saw of one run, from its start to its stop message: events, bytes, source-to-sink latencies and the
 * events of each second (to see a stall and the recovery after it).
 */
final class RunRecorder {

    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final String label;
    private final long settleEvents;
    private final long startedNanos = System.nanoTime();
    private final Histogram latencyMicros = new Histogram(MAX_LATENCY_MICROS, 3);
    private final List<Long> eventsPerSecond = new ArrayList<>();
    private long events;
    private long bytes;
    private long settledNanos;
    private long settledBytes;

    /**
     * @param label        the run's label, or null when its start was lost (its stop names it)
     * @param settleEvents events to receive before the rate is measured: the queues between source and sink hold
     *                     about that many, and the sink drains them faster than they flow when the run begins
     */
    RunRecorder(String label, long settleEvents) {
        this.label = label;
        this.settleEvents = settleEvents;
    }

    String label() {
        return label;
    }

    double secondsSinceStart() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    void event(int size, long sentEpochNanos) {
        long latency = (BenchFrames.nowEpochNanos() - sentEpochNanos) / 1000;
        latencyMicros.recordValue(Math.max(0, Math.min(latency, MAX_LATENCY_MICROS)));
        int second = (int) secondsSinceStart();
        while (eventsPerSecond.size() <= second) {
            eventsPerSecond.add(0L);
        }
        eventsPerSecond.set(second, eventsPerSecond.get(second) + 1);
        events++;
        bytes += size;
        if (events == settleEvents) {
            settledNanos = System.nanoTime();
            settledBytes = bytes;
        }
    }

    /**
     * @param label          the run's label as its stop names it
     * @param expectedEvents the events the stop says were sent, or null when the stop was lost
     */
    Map<String, Object> report(String label, Long expectedEvents) {
        double seconds = secondsSinceStart();
        double measuredSeconds = (System.nanoTime() - settledNanos) / 1e9;
        boolean settled = events > settleEvents && settleEvents > 0 || settleEvents == 0 && events > 0;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("role", "sink");
        report.put("run", label);
        report.put("events", events);
        report.put("expected", expectedEvents);
        report.put("lost", expectedEvents == null ? null : expectedEvents - events);
        report.put("bytes", bytes);
        report.put("seconds", seconds);
        report.put("settleEvents", settleEvents);
        // null when the run was too short to get past the queued events
        report.put("msgPerSec", !settled ? null : settleEvents == 0 ? events / seconds : (events - settleEvents) / measuredSeconds);
        report.put("mbPerSec", !settled ? null : settleEvents == 0 ? bytes / seconds / 1e6
                : (bytes - settledBytes) / measuredSeconds / 1e6);
        report.put("p50Millis", percentileMillis(50));
        report.put("p99Millis", percentileMillis(99));
        report.put("p999Millis", percentileMillis(99.9));
        report.put("maxMillis", latencyMicros.getMaxValue() / 1e3);
        report.put("eventsPerSecond", eventsPerSecond);
        return report;
    }

    private double percentileMillis(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1e3;
    }
}
