package org.arroyo.camel.zocalo.strformat;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Python's {@code format(value, spec)}: the format specification mini-language
 * ({@code [[fill]align][sign][z][#][0][width][grouping][.precision][type]}) for str, int, bool
 * and float; other values accept only the empty spec, as in Python.
 */
final class FormatSpec {

    private final String spec;
    private final String typeName;
    private int fill = ' ';
    private char align;
    private char sign;
    private boolean noNegativeZero;
    private boolean alternate;
    private int width = -1;
    private char grouping;
    private int precision = -1;
    private char type;

    private FormatSpec(String spec, String typeName, char defaultType, char defaultAlign) {
        this.spec = spec;
        this.typeName = typeName;
        this.type = defaultType;
        this.align = defaultAlign;
    }

    static String format(Object value, String spec) {
        if (spec.isEmpty()) {
            return PythonValues.str(value);
        }
        String typeName = PythonValues.typeName(value);
        if (value instanceof String s) {
            return parse(spec, typeName, 's', '<').formatString(s);
        } else if (value instanceof Boolean b) {
            return parse(spec, typeName, 'd', '>').formatInteger(b ? BigInteger.ONE : BigInteger.ZERO);
        } else if (PythonValues.isInt(value)) {
            return parse(spec, typeName, 'd', '>').formatInteger(new BigInteger(value.toString()));
        } else if (value instanceof Double || value instanceof Float) {
            return parse(spec, typeName, '\0', '>').formatFloat(((Number) value).doubleValue());
        }
        throw PythonException.typeError("unsupported format string passed to " + typeName + ".__format__");
    }

    private static FormatSpec parse(String spec, String typeName, char defaultType, char defaultAlign) {
        FormatSpec f = new FormatSpec(spec, typeName, defaultType, defaultAlign);
        int[] s = spec.codePoints().toArray();
        int pos = 0;
        boolean fillGiven = false;
        boolean alignGiven = false;
        if (s.length >= 2 && isAlign(s[1])) {
            f.fill = s[0];
            f.align = (char) s[1];
            fillGiven = true;
            alignGiven = true;
            pos = 2;
        } else if (s.length >= 1 && isAlign(s[0])) {
            f.align = (char) s[0];
            alignGiven = true;
            pos = 1;
        }
        if (pos < s.length && (s[pos] == '+' || s[pos] == '-' || s[pos] == ' ')) {
            f.sign = (char) s[pos++];
        }
        if (pos < s.length && s[pos] == 'z') {
            f.noNegativeZero = true;
            pos++;
        }
        if (pos < s.length && s[pos] == '#') {
            f.alternate = true;
            pos++;
        }
        if (!fillGiven && pos < s.length && s[pos] == '0') {
            f.fill = '0';
            if (!alignGiven && defaultAlign == '>') {
                f.align = '=';
            }
            pos++;
        }
        int start = pos;
        pos = skipDigits(s, pos);
        if (pos > start) {
            f.width = number(s, start, pos);
        }
        if (pos < s.length && s[pos] == ',') {
            f.grouping = ',';
            pos++;
        }
        if (pos < s.length && s[pos] == '_') {
            if (f.grouping != 0) {
                throw PythonException.valueError("Cannot specify both ',' and '_'.");
            }
            f.grouping = '_';
            pos++;
        }
        if (pos < s.length && s[pos] == ',' && f.grouping == '_') {
            throw PythonException.valueError("Cannot specify both ',' and '_'.");
        }
        if (pos < s.length && s[pos] == '.') {
            start = ++pos;
            pos = skipDigits(s, pos);
            if (pos == start) {
                throw PythonException.valueError("Format specifier missing precision");
            }
            f.precision = number(s, start, pos);
        }
        if (s.length - pos > 1) {
            throw PythonException.valueError("Invalid format specifier '" + spec + "' for object of type '" + typeName + "'");
        }
        if (s.length - pos == 1) {
            f.type = (char) s[pos];
        }
        f.checkGrouping();
        return f;
    }

    private void checkGrouping() {
        if (grouping == 0 || "defgEG%F\0".indexOf(type) >= 0 || (grouping == '_' && "boxX".indexOf(type) >= 0)) {
            return;
        }
        throw PythonException.valueError("Cannot specify '" + grouping + "' with " + quotedType() + ".");
    }

    private String formatString(String value) {
        if (type != 's') {
            throw unknownType();
        }
        if (sign != 0) {
            throw PythonException.valueError((sign == ' ' ? "Space" : "Sign") + " not allowed in string format specifier");
        }
        if (noNegativeZero) {
            throw PythonException.valueError("Negative zero coercion (z) not allowed in string format specifier");
        }
        if (alternate) {
            throw PythonException.valueError("Alternate form (#) not allowed in string format specifier");
        }
        if (align == '=') {
            throw PythonException.valueError("'=' alignment not allowed in string format specifier");
        }
        String text = value;
        if (precision >= 0 && value.codePointCount(0, value.length()) > precision) {
            text = value.substring(0, value.offsetByCodePoints(0, precision));
        }
        return pad("", text);
    }

    private String formatInteger(BigInteger value) {
        if ("eEfFgG%".indexOf(type) >= 0) {
            return formatFloat(value.doubleValue());
        } else if ("bcdoxXn".indexOf(type) < 0) {
            throw unknownType();
        } else if (precision >= 0) {
            throw PythonException.valueError("Precision not allowed in integer format specifier");
        } else if (noNegativeZero) {
            throw PythonException.valueError("Negative zero coercion (z) not allowed in integer format specifier");
        } else if (type == 'c') {
            return formatCharacter(value);
        }
        int radix = switch (type) {
            case 'b' -> 2;
            case 'o' -> 8;
            case 'x', 'X' -> 16;
            default -> 10;
        };
        String digits = value.abs().toString(radix);
        String prefix = alternate && radix != 10 ? "0" + type : "";
        if (type == 'X') {
            digits = digits.toUpperCase(Locale.ROOT);
        }
        return layoutNumber(signOf(value.signum() < 0), prefix, digits, "", radix == 10 ? 3 : 4);
    }

    private String formatCharacter(BigInteger value) {
        if (sign != 0) {
            throw PythonException.valueError("Sign not allowed with integer format specifier 'c'");
        } else if (alternate) {
            throw PythonException.valueError("Alternate form (#) not allowed with integer format specifier 'c'");
        } else if (value.signum() < 0 || value.compareTo(BigInteger.valueOf(0x10ffff)) > 0) {
            throw new PythonException("OverflowError", "%c arg not in range(0x110000)");
        }
        return pad("", Character.toString(value.intValue()));
    }

    private String formatFloat(double value) {
        if ("eEfFgGn%\0".indexOf(type) < 0) {
            throw unknownType();
        }
        char lower = type == 'n' ? 'g' : Character.toLowerCase(type);
        String body = FloatFormat.body(Math.abs(value), lower, precision, alternate);
        if (Character.isUpperCase(type)) {
            body = body.toUpperCase(Locale.ROOT);
        }
        boolean negative = FloatFormat.isNegative(value) && !Double.isNaN(value);
        if (noNegativeZero && Double.isFinite(value) && body.chars().noneMatch(c -> c >= '1' && c <= '9')) {
            negative = false;
        }
        int digitsEnd = 0;
        while (digitsEnd < body.length() && Character.isDigit(body.charAt(digitsEnd))) {
            digitsEnd++;
        }
        return layoutNumber(signOf(negative), "", body.substring(0, digitsEnd), body.substring(digitsEnd), 3);
    }

    private String signOf(boolean negative) {
        if (negative) {
            return "-";
        }
        return sign == '+' || sign == ' ' ? String.valueOf(sign) : "";
    }

    /** sign, prefix, integer digits (grouped, zero-padded when fill is 0 and align is =), the rest. */
    private String layoutNumber(String signText, String prefix, String digits, String rest, int groupSize) {
        int lead = signText.length() + prefix.length();
        String grouped = digits;
        if (digits.isEmpty()) {
            grouped = "";
        } else if (fill == '0' && align == '=') {
            int minWidth = Math.max(0, width - lead - rest.length());
            grouped = group(digits, groupSize, minWidth);
        } else if (grouping != 0) {
            grouped = group(digits, groupSize, 0);
        }
        return pad(signText + prefix, grouped + rest);
    }

    /** Digits with separators, left-filled with grouped zeros up to {@code minWidth} characters. */
    private String group(String digits, int groupSize, int minWidth) {
        StringBuilder reversed = new StringBuilder();
        int inGroup = 0;
        for (int i = digits.length() - 1; i >= 0; i--) {
            if (grouping != 0 && inGroup == groupSize) {
                reversed.append(grouping);
                inGroup = 0;
            }
            reversed.append(digits.charAt(i));
            inGroup++;
        }
        while (reversed.length() < minWidth) {
            if (grouping != 0 && inGroup == groupSize) {
                reversed.append(grouping);
                inGroup = 0;
            }
            reversed.append('0');
            inGroup++;
        }
        return reversed.reverse().toString();
    }

    /** Pads to the width: {@code lead} (sign, prefix) stays before any '=' padding. */
    private String pad(String lead, String text) {
        int length = lead.codePointCount(0, lead.length()) + text.codePointCount(0, text.length());
        int padding = Math.max(0, width - length);
        String fillText = Character.toString(fill);
        return switch (align) {
            case '<' -> lead + text + fillText.repeat(padding);
            case '^' -> fillText.repeat(padding / 2) + lead + text + fillText.repeat(padding - padding / 2);
            case '=' -> lead + fillText.repeat(padding) + text;
            default -> fillText.repeat(padding) + lead + text;
        };
    }

    private PythonException unknownType() {
        return PythonException.valueError("Unknown format code " + quotedType() + " for object of type '" + typeName + "'");
    }

    private String quotedType() {
        return type > 32 && type < 128 ? "'" + type + "'" : "'\\x" + Integer.toHexString(type) + "'";
    }

    private static boolean isAlign(int c) {
        return c == '<' || c == '>' || c == '=' || c == '^';
    }

    private static int skipDigits(int[] s, int pos) {
        while (pos < s.length && Character.getType(s[pos]) == Character.DECIMAL_DIGIT_NUMBER) {
            pos++;
        }
        return pos;
    }

    private static int number(int[] s, int start, int end) {
        long n = 0;
        for (int i = start; i < end; i++) {
            n = n * 10 + Character.digit(s[i], 10);
            if (n > Integer.MAX_VALUE) {
                throw PythonException.valueError("Too many decimal digits in format string");
            }
        }
        return (int) n;
    }
}
