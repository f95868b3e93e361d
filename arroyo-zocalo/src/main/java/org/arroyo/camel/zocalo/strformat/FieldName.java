package org.arroyo.camel.zocalo.strformat;

/**
 * A replacement field's name: its first part (a keyword name, or an Integer for a positional
 * index) and then, one at a time as Python reads them, {@code .attribute} and {@code [key]} steps.
 */
final class FieldName {

    /** One step after the first part: an attribute name, or an item key (String or Long). */
    record Step(boolean attribute, Object key) {
    }

    private final String s;
    private final Object first;
    private int pos;

    FieldName(String fieldName) {
        this.s = fieldName;
        int end = 0;
        while (end < s.length() && s.charAt(end) != '.' && s.charAt(end) != '[') {
            end++;
        }
        String text = s.substring(0, end);
        this.first = isIndex(text) ? (Object) Integer.valueOf(0) : text;
        this.pos = end;
    }

    Object first() {
        return first;
    }

    /** The next step, or null after the last. */
    Step next() {
        if (pos >= s.length()) {
            return null;
        }
        char c = s.charAt(pos++);
        int start = pos;
        if (c != '.' && c != '[') {
            throw PythonException.valueError("Only '.' or '[' may follow ']' in format field specifier");
        } else if (c == '.') {
            while (pos < s.length() && s.charAt(pos) != '.' && s.charAt(pos) != '[') {
                pos++;
            }
            return new Step(true, nonEmpty(s.substring(start, pos)));
        }
        while (pos < s.length() && s.charAt(pos) != ']') {
            pos++;
        }
        if (pos >= s.length()) {
            throw PythonException.valueError("Missing ']' in format string");
        }
        String key = nonEmpty(s.substring(start, pos++));
        return new Step(false, isIndex(key) ? (Object) PythonValues.parseInt(key) : key);
    }

    private static String nonEmpty(String part) {
        if (part.isEmpty()) {
            throw PythonException.valueError("Empty attribute in format string");
        }
        return part;
    }

    private static boolean isIndex(String text) {
        return !text.isEmpty() && text.codePoints().allMatch(c -> Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER);
    }
}
