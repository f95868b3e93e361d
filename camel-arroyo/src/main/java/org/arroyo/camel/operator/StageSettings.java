package org.arroyo.camel.operator;

import java.time.Duration;

/** The checks the stages' settings share, so that every stage says the same of the same mistake. */
final class StageSettings {

    private StageSettings() {
    }

    static int requirePositive(String setting, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be a whole number of at least 1, not '" + value + "'");
        }
        return value;
    }

    static Duration requirePositive(String setting, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(setting + " must be " + Batching.POSITIVE_DURATION + ", not '" + value + "'");
        }
        return value;
    }
}
