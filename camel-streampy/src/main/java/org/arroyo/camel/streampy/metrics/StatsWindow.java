package org.arroyo.camel.streampy.metrics;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * stream-py's figures for one reporting period: messages in and out per epoch second, and latencies
 * counted and summed per bin {@code 10**ceil(log10(dt))} labelled like {@code "0.001000000 s"}.
 * {@link #drain} closes the period and starts the next. Thread safe.
 */
public final class StatsWindow implements MessageMeter {

    private Map<Long, Long> throughputIn = new LinkedHashMap<>();
    private Map<Long, Long> throughputOut = new LinkedHashMap<>();
    private Map<String, Double> latencyTime = new LinkedHashMap<>();
    private Map<String, Long> latencyCount = new LinkedHashMap<>();
    private double periodStart;

    public StatsWindow() {
        this.periodStart = epochSeconds();
    }

    @Override
    public synchronized void received() {
        throughputIn.merge(System.currentTimeMillis() / 1000, 1L, Long::sum);
    }

    @Override
    public synchronized void completed(long elapsedNanos) {
        throughputOut.merge(System.currentTimeMillis() / 1000, 1L, Long::sum);
        double seconds = elapsedNanos / 1e9;
        String bin = bin(seconds);
        latencyTime.merge(bin, seconds, Double::sum);
        latencyCount.merge(bin, 1L, Long::sum);
    }

    /** The figures since the previous drain (or creation), as a report; the next period starts now. */
    public synchronized MetricsReport drain(String vuid, String func) {
        double periodEnd = epochSeconds();
        MetricsReport report = new MetricsReport(periodStart, periodEnd, func, vuid, latencyTime, latencyCount,
                throughputIn, throughputOut);
        periodStart = periodEnd;
        throughputIn = new LinkedHashMap<>();
        throughputOut = new LinkedHashMap<>();
        latencyTime = new LinkedHashMap<>();
        latencyCount = new LinkedHashMap<>();
        return report;
    }

    /**
     * stream-py's latency bin: the power of ten at or above {@code seconds}, with nine decimals and
     * " s" ({@code 0.0003} → {@code "0.001000000 s"}, {@code 2.5} → {@code "10.000000000 s"}).
     * Durations too short to measure fall in the 1 ns bin.
     */
    public static String bin(double seconds) {
        double upper = seconds <= 1e-9 ? 1e-9 : Math.pow(10, Math.ceil(Math.log10(seconds)));
        return String.format(Locale.ROOT, "%.9f s", upper);
    }

    private double epochSeconds() {
        Instant now = Instant.now();
        return now.getEpochSecond() + now.getNano() / 1e9;
    }
}
