package org.arroyo.camel.dsl;

import java.util.Locale;

/** The stages a pipeline can put in order between its listener and its end. */
public enum StageName {
    DECOUPLE,
    OPERATOR,
    BATCH,
    UNBATCH;

    /** The name the data forms write, e.g. {@code decouple}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
