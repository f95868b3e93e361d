package org.arroyo.camel.operator;

/**
 * Whether camel-micrometer (an optional dependency) is on the class path: the classes that register meters touch
 * Micrometer, so their callers ask first and work without it.
 */
public final class MicrometerOnClassPath {

    private static final boolean PRESENT = loadable();

    private MicrometerOnClassPath() {
    }

    public static boolean present() {
        return PRESENT;
    }

    private static boolean loadable() {
        try {
            Class.forName("org.apache.camel.component.micrometer.MicrometerUtils", false,
                    MicrometerOnClassPath.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
