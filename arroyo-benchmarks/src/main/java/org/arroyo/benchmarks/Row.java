package org.arroyo.benchmarks;

/**
 * One line of the results: an implementation's figures in one scenario, its ratio to the baseline measured in the
 * same run, and the target it is held to.
 *
 * @param ratio    this implementation's figure over the baseline's (throughput, so higher is better); null for the
 *                 baseline itself
 * @param p99Millis source-to-sink 99th percentile latency, or null where latency is not measured
 * @param met      whether the target is met; null where the row has no target
 */
record Row(String scenario, String payload, String implementation, Spread msgPerSec, Spread mbPerSec, Double ratio,
           Spread p50Millis, Spread p99Millis, Spread p999Millis, String notes, String target, Boolean met) {
}
