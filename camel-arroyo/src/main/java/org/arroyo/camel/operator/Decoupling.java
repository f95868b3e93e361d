package org.arroyo.camel.operator;

/**
 * The settings of a decoupling stage ({@link DecouplingProcessor}): up to {@code queueSize} messages wait for
 * {@code threads} threads. Both default ({@link #DEFAULT_QUEUE_SIZE}, {@link #DEFAULT_THREADS}).
 */
public record Decoupling(Integer queueSize, Integer threads) {

    public static final int DEFAULT_QUEUE_SIZE = 1000;
    public static final int DEFAULT_THREADS = 1;

    /** The defaults. */
    public static final Decoupling DEFAULTS = new Decoupling(null, null);

    /**
     * @throws IllegalArgumentException saying which setting is wrong
     */
    public Decoupling {
        queueSize = queueSize == null ? DEFAULT_QUEUE_SIZE : StageSettings.requirePositive("decouple queueSize", queueSize);
        threads = threads == null ? DEFAULT_THREADS : StageSettings.requirePositive("decouple threads", threads);
    }
}
