package org.arroyo.camel.operator;

import java.time.Duration;

/**
 * The settings of a batching stage ({@link BatchingProcessor}): a batch closes when it holds {@code maxSize} events,
 * when its first event is {@code maxAge} old, or after {@code maxIdle} without events. The durations default to
 * {@link #DEFAULT_MAX_AGE} and {@link #DEFAULT_MAX_IDLE}; {@code maxSize} is required.
 */
public record Batching(Integer maxSize, Duration maxAge, Duration maxIdle) {

    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_IDLE = Duration.ofSeconds(1);

    /** What the durations must be, as error messages say it. */
    public static final String POSITIVE_DURATION = "a positive duration such as 500ms, 2s or 1500 (milliseconds)";

    /**
     * @throws IllegalArgumentException saying which setting is wrong
     */
    public Batching {
        if (maxSize == null) {
            throw new IllegalArgumentException("batch needs a maxSize");
        }
        StageSettings.requirePositive("batch maxSize", maxSize);
        maxAge = maxAge == null ? DEFAULT_MAX_AGE : StageSettings.requirePositive("batch maxAge", maxAge);
        maxIdle = maxIdle == null ? DEFAULT_MAX_IDLE : StageSettings.requirePositive("batch maxIdle", maxIdle);
    }

    /** Batches of at most {@code maxSize} events, with the default durations. */
    public static Batching ofSize(int maxSize) {
        return new Batching(maxSize, null, null);
    }
}
