package org.arroyo.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How long and how often to measure. The full plan alternates baseline and pipeline sessions a few times, so that a
 * neighbour's load on a shared machine falls on both; the quick plan measures each once, briefly.
 *
 * @param rounds         sessions per implementation, alternating with the baseline's
 * @param runsPerSession measured runs per session, after one warm-up run
 * @param warmupSeconds  length of the warm-up run: a pipeline's JVM reaches its steady speed only once the JIT has
 *                       compiled the route (10 to 20 s on two busy cores, the compiler sharing them with the source,
 *                       the stage and the sink), a raw relay within 3 s
 */
record Plan(boolean quick, int rounds, int runsPerSession, double warmupSeconds, double runSeconds, double stallSeconds,
            double recoverySeconds, Path logs) {

    /** Seconds into a measured overload run at which the sink stalls. */
    static final double STALL_AFTER_SECONDS = 2;

    static Plan quick(Path logs) {
        return new Plan(true, 1, 1, 3, 2, 2, 3, logs);
    }

    static Plan full(Path logs) {
        return new Plan(false, 2, 2, 20, 3, 10, 4, logs);
    }

    /** A warm-up run, then the measured runs, all at one rate (0 = as fast as possible). */
    List<RunSpec> runsAt(int rate, double seconds) {
        List<RunSpec> runs = new ArrayList<>();
        runs.add(new RunSpec(RunSpec.WARMUP, warmupSeconds, rate));
        for (int i = 1; i <= runsPerSession; i++) {
            runs.add(new RunSpec("run-" + i, seconds, rate));
        }
        return runs;
    }
}
