package org.arroyo.camel.test;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something it needs from the machine (a broker, a Python peer) is missing:
 * fail under {@code CI=true} or {@code ARROYO_REQUIRE_BROKERS=1}, otherwise skip, loudly.
 */
public final class Prerequisite {

    private Prerequisite() {
    }

    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv("ARROYO_REQUIRE_BROKERS"));
    }

    /** Fails or skips the running test (class) because of {@code why}; never returns. */
    public static void missing(String why) {
        if (required()) {
            throw new IllegalStateException(why + " (required: CI=true or ARROYO_REQUIRE_BROKERS=1)");
        }
        System.err.println("""

                ***********************************************************************
                *** SKIPPED: %s
                *** (with CI=true or ARROYO_REQUIRE_BROKERS=1 this fails the build)
                ***********************************************************************
                """.formatted(why));
        Assumptions.abort(why);
    }
}
