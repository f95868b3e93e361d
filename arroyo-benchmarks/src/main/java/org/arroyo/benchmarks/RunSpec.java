package org.arroyo.benchmarks;

/**
 * One run of the source: {@code label:seconds:rate}, events sent for that long at that many per second (0 = as fast as
 * the pipeline takes them). Runs whose label starts with {@value #WARMUP} are not measured.
 */
record RunSpec(String label, double seconds, int rate) {

    static final String WARMUP = "warmup";

    RunSpec {
        if (label.isBlank() || label.contains(":")) {
            throw new IllegalArgumentException("a run label must be non-blank without ':', got '" + label + "'");
        }
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("run " + label + ": seconds must be positive, got " + seconds);
        }
        if (rate < 0) {
            throw new IllegalArgumentException("run " + label + ": rate must be 0 (unlimited) or positive, got " + rate);
        }
    }

    static RunSpec parse(String spec) {
        String[] parts = spec.split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected a run as label:seconds:rate, e.g. measure-1:5:0, got '" + spec + "'");
        }
        try {
            return new RunSpec(parts[0], Double.parseDouble(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("run '" + spec + "': seconds and rate must be numbers", e);
        }
    }

    boolean measured() {
        return isMeasured(label);
    }

    static boolean isMeasured(String label) {
        return !label.startsWith(WARMUP);
    }

    @Override
    public String toString() {
        return label + ":" + seconds + ":" + rate;
    }
}
