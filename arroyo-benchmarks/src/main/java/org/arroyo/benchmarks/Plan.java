package org.arroyo.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How long and how often to measure. The full plan alternates baseline and pipeline sessions a few times, so that a
 * neighbour's load on a shared machine falls on both; the quick plan measures each once, briefly.
 *
 * @param rounds         sessions per implementation, alternating with the baseline's
 * @param runsPerSession measured runs per session, after the warm-up runs
 * @param warmupSeconds  length of the warm-up runs together: a pipeline's JVM reaches its steady speed only once the JIT has
 *                       compiled the route (10 to 20 s on two busy cores, the compiler sharing them with the source,
 *                       the stage and the sink), a raw relay within 3 s
 */
record Plan(boolean quick, int rounds, int runsPerSession, double warmupSeconds, double runSeconds, double stallSeconds,
            double recoverySeconds, Path logs) {

    /**
     * The warm-up is this many runs, so that the JIT sees starts and stops as well as events: compiled for events
     * alone, the stage's code is recompiled at the first run boundary, which cost the first measured second half its
     * rate.
     */
    static final int WARMUP_RUNS = 4;

    /** Seconds into a measured overload run at which the sink stalls. */
    static final double STALL_AFTER_SECONDS = 2;

    static Plan quick(Path logs) {
        return new Plan(true, 1, 1, 3, 2, 2, 3, logs);
    }

    static Plan full(Path logs) {
        return new Plan(false, 2, 2, 20, 3, 10, 4, logs);
    }

    /** This plan with another warm-up length. */
    Plan withWarmup(double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("a warm-up of " + seconds + " s: it must be longer than 0 s");
        }
        return new Plan(quick, rounds, runsPerSession, seconds, runSeconds, stallSeconds, recoverySeconds, logs);
    }

    /** The warm-up runs, at one rate (0 = as fast as possible), warmupSeconds in all. */
    List<RunSpec> warmupAt(int rate) {
        List<RunSpec> runs = new ArrayList<>();
        for (int i = 1; i <= WARMUP_RUNS; i++) {
            runs.add(new RunSpec(RunSpec.WARMUP + "-" + i, warmupSeconds / WARMUP_RUNS, rate));
        }
        return runs;
    }

    /** The warm-up runs, then the measured runs, all at one rate (0 = as fast as possible). */
    List<RunSpec> runsAt(int rate, double seconds) {
        List<RunSpec> runs = warmupAt(rate);
        for (int i = 1; i <= runsPerSession; i++) {
            runs.add(new RunSpec("run-" + i, seconds, rate));
        }
        return runs;
    }
}
