package org.arroyo.benchmarks;

import java.util.Collection;
import java.util.List;

/**
 * Repeated measurements of one figure: the median and the range. Benchmarks on a shared machine vary from run to run,
 * so a figure is always given with its spread.
 */
record Spread(double median, double min, double max, int count) {

    static Spread of(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no measurements to summarize");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return new Spread(median, sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    }

    static Spread single(double value) {
        return new Spread(value, value, value, 1);
    }

    /** This figure's median over the baseline's: the ratio the targets are stated in. */
    double ratioTo(Spread baseline) {
        if (!(baseline.median > 0)) {
            throw new IllegalArgumentException("a baseline of " + baseline.median + " gives no ratio");
        }
        return median / baseline.median;
    }

    /** The same spread in another unit. */
    Spread scaled(double factor) {
        return new Spread(median * factor, min * factor, max * factor, count);
    }

    /** The reciprocal figure in another unit, e.g. operations per second from microseconds per operation. */
    Spread inverse(double factor) {
        return new Spread(factor / median, factor / max, factor / min, count);
    }

    /** The median with the range, e.g. {@code 1234 (1200-1300)}; a single value alone. */
    String format(String pattern) {
        String value = String.format(pattern, median);
        return count == 1 ? value : value + " (" + String.format(pattern, min) + "-" + String.format(pattern, max) + ")";
    }
}
