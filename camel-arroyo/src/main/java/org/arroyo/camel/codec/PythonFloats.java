package org.arroyo.camel.codec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr()} of a float, which {@code str()} and {@code json.dumps} also write: the fewest
 * significant digits that read back as the same double (of those, the nearest to it), positional from
 * 1e-4 up to below 1e16 ({@code 0.0001}, {@code 1.0}, {@code 1458195070.3131151}), with an exponent
 * otherwise ({@code 1e-05}, {@code 1e+16}, {@code 5e-324}); {@code inf}, {@code -inf}, {@code nan} and
 * {@code -0.0} as Python spells them.
 * <p>
 * Neither {@code Double.toString} fits: Java 17's is not always shortest ({@code 2.0E23} prints as
 * {@code 1.9999999999999998E23}), and from Java 19 on (like the Schubfach copy inside Jackson) it keeps two
 * digits where Python keeps one ({@code 4.9E-324} for Python's {@code 5e-324}).
 */
public final class PythonFloats {

    private PythonFloats() {
    }

    public static String repr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        String sign = Double.doubleToRawLongBits(value) < 0 ? "-" : "";
        if (Double.isInfinite(value)) {
            return sign + "inf";
        } else if (value == 0) {
            return sign + "0.0";
        }
        BigDecimal digits = shortest(Math.abs(value));
        int exponent = digits.precision() - digits.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            return sign + withExponent(digits, exponent);
        }
        String plain = digits.toPlainString();
        return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
    }

    /**
     * The shortest decimal that reads back as {@code magnitude} and, of those, the nearest to it: for each
     * length, the nearest decimal of that length, or else the neighbour on the other side: at a power of two
     * the next double below is twice as close as the next above, so only the farther neighbour may read back.
     */
    private static BigDecimal shortest(double magnitude) {
        BigDecimal exact = new BigDecimal(magnitude);
        for (int length = 1;; length++) { // ends by 17 digits, which always read back
            BigDecimal nearest = exact.round(new MathContext(length, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == magnitude) {
                return nearest.stripTrailingZeros();
            }
            RoundingMode otherSide = nearest.compareTo(exact) < 0 ? RoundingMode.CEILING : RoundingMode.FLOOR;
            BigDecimal other = exact.round(new MathContext(length, otherSide));
            if (other.doubleValue() == magnitude) {
                return other.stripTrailingZeros();
            }
        }
    }

    /** {@code d.ddde±XX}, at least two exponent digits, no point after a single digit. */
    private static String withExponent(BigDecimal digits, int exponent) {
        String unscaled = digits.unscaledValue().toString();
        String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
        String power = Integer.toString(Math.abs(exponent));
        return mantissa + (exponent < 0 ? "e-" : "e+") + (power.length() < 2 ? "0" + power : power);
    }
}
