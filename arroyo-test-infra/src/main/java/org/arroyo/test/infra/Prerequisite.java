package org.arroyo.test.infra;

/**
 * What a test does when something it needs from the machine (a broker, a Python peer) is missing:
 * it fails, naming the Debian packages to install. A test is never skipped for want of them.
 */
public final class Prerequisite {

    private Prerequisite() {
    }

    /** Fails the running test (class) because of {@code why}; never returns normally. */
    public static void missing(String why, String... debianPackages) {
        String install = debianPackages.length == 0 ? ""
                : ": install the Debian package" + (debianPackages.length > 1 ? "s " : " ") + String.join(" ", debianPackages);
        throw new IllegalStateException(why + install);
    }
}
