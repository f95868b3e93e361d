package org.arroyo.camel.streampy.metrics;

import java.math.BigDecimal;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;

/**
 * Floats written as Python's {@code repr} (and so {@code json.dumps}) writes them: the shortest
 * digits that read back to the same double, positional from 1e-4 up to below 1e16
 * ({@code 0.001}, {@code 1.0}, {@code 1458195070.3131151}), scientific otherwise ({@code 1e-05},
 * {@code 2.5e-07}). The reports then read exactly as stream-py's own.
 */
final class PythonFloats {

    private PythonFloats() {
    }

    static String repr(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("stream-py reports carry finite numbers, got " + value);
        }
        if (value == 0) {
            return "0.0";
        }
        BigDecimal shortest = new BigDecimal(DoubleToDecimal.toString(value)).stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = shortest.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = shortest.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
