package org.arroyo.camel.zocalo.strformat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

import org.arroyo.camel.codec.PythonFloats;

/**
 * The float presentations of Python's {@code format()}: {@code e}, {@code f}, {@code g}, {@code %} and
 * none (Python's {@code repr}, or {@code g}-like with a precision), all correctly rounded half-even from
 * the exact binary value as CPython does.
 */
final class FloatFormat {

    private FloatFormat() {
    }

    static boolean isNegative(double value) {
        return value < 0 || (value == 0 && 1 / value < 0);
    }

    /**
     * The unsigned text of {@code |value|} in a presentation type ({@code e f g %} or {@code 0}
     * for none) with a precision ({@code -1}: the type's default).
     */
    static String body(double magnitude, char type, int precision, boolean alternate) {
        if (!Double.isFinite(magnitude)) {
            return (Double.isNaN(magnitude) ? "nan" : "inf") + (type == '%' ? "%" : "");
        }
        return switch (type) {
            case 'e' -> scientific(magnitude, precision < 0 ? 6 : precision, alternate);
            case 'f' -> fixed(magnitude, precision < 0 ? 6 : precision, alternate);
            case 'g' -> general(magnitude, precision < 0 ? 6 : precision, alternate, false);
            case '%' -> fixed(magnitude * 100, precision < 0 ? 6 : precision, alternate) + "%";
            default -> untyped(magnitude, precision, alternate);
        };
    }

    private static String untyped(double magnitude, int precision, boolean alternate) {
        if (precision >= 0) {
            return general(magnitude, precision, alternate, true);
        }
        String repr = PythonFloats.repr(magnitude);
        // '#' keeps the point of a single digit before the exponent: format(1e16, '#') is '1.e+16'
        return alternate && repr.indexOf('e') >= 0 && repr.indexOf('.') < 0 ? repr.replace("e", ".e") : repr;
    }

    private static String withPoint(String text) {
        return text.indexOf('.') < 0 ? text + ".0" : text;
    }

    private static String fixed(double magnitude, int precision, boolean alternate) {
        String text = new BigDecimal(magnitude).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return alternate && precision == 0 ? text + "." : text;
    }

    private static String scientific(double magnitude, int precision, boolean alternate) {
        return withExponent(round(magnitude, precision + 1), precision, alternate);
    }

    private static String general(double magnitude, int precision, boolean alternate, boolean untyped) {
        int significant = Math.max(precision, 1);
        BigDecimal rounded = round(magnitude, significant);
        int exponent = exponentOf(rounded);
        String text;
        // untyped keeps one digit after the point, so it switches to exponents one digit earlier
        boolean fixedNotation = exponent >= -4 && exponent < (untyped ? significant - 1 : significant);
        if (fixedNotation) {
            text = new BigDecimal(magnitude).setScale(significant - 1 - exponent, RoundingMode.HALF_EVEN).toPlainString();
        } else {
            text = withExponent(rounded, significant - 1, alternate);
        }
        if (!alternate) {
            text = stripZeros(text);
        }
        if (untyped && fixedNotation) {
            text = withPoint(text);
        } else if (alternate && text.indexOf('.') < 0 && text.indexOf('e') < 0) {
            text = text + ".";
        }
        return text;
    }

    /** d.ddd e±XX with {@code fractionDigits} digits after the point. */
    private static String withExponent(BigDecimal rounded, int fractionDigits, boolean alternate) {
        int exponent = exponentOf(rounded);
        String digits = rounded.signum() == 0 ? "0" : rounded.unscaledValue().abs().toString();
        digits = digits.replaceFirst("0+$", "");
        if (digits.isEmpty()) {
            digits = "0";
        }
        StringBuilder mantissa = new StringBuilder().append(digits.charAt(0));
        String fraction = (digits.substring(1) + "0".repeat(fractionDigits)).substring(0, fractionDigits);
        if (!fraction.isEmpty() || alternate) {
            mantissa.append('.').append(fraction);
        }
        return mantissa + String.format(Locale.ROOT, "e%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
    }

    private static String stripZeros(String text) {
        int e = text.indexOf('e');
        String mantissa = e < 0 ? text : text.substring(0, e);
        String exponent = e < 0 ? "" : text.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceFirst("0+$", "").replaceFirst("\\.$", "");
        }
        return mantissa + exponent;
    }

    private static BigDecimal round(double magnitude, int significant) {
        return new BigDecimal(magnitude).round(new MathContext(significant, RoundingMode.HALF_EVEN));
    }

    /** The power of ten of the leading digit. */
    private static int exponentOf(BigDecimal value) {
        return value.signum() == 0 ? 0 : value.precision() - value.scale() - 1;
    }
}
