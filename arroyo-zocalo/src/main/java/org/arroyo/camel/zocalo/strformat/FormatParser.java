package org.arroyo.camel.zocalo.strformat;

/**
 * Splits a Python format string into chunks of literal text, each followed by at most one
 * replacement field (name, conversion, spec), as {@code string.Formatter.parse} does.
 */
final class FormatParser {

    /** Literal text, then a field ({@code fieldName} null when none); conversion 0 when none. */
    record Chunk(String literal, String fieldName, int conversion, String spec) {
    }

    private final String s;
    private int pos;

    FormatParser(String template) {
        this.s = template;
    }

    /** The next chunk, or null at the end. */
    Chunk next() {
        if (pos >= s.length()) {
            return null;
        }
        int start = pos;
        char c = 0;
        boolean markup = false;
        while (pos < s.length()) {
            c = s.charAt(pos++);
            if (c == '{' || c == '}') {
                markup = true;
                break;
            }
        }
        boolean atEnd = pos >= s.length();
        int length = pos - start;
        if (markup && c == '}' && (atEnd || s.charAt(pos) != '}')) {
            throw PythonException.valueError("Single '}' encountered in format string");
        }
        if (markup && atEnd && c == '{') {
            throw PythonException.valueError("Single '{' encountered in format string");
        }
        if (markup && !atEnd) {
            if (s.charAt(pos) == c) {
                pos++;
                markup = false;
            } else {
                length--;
            }
        }
        String literal = s.substring(start, start + length);
        return markup ? field(literal) : new Chunk(literal, null, 0, "");
    }

    private Chunk field(String literal) {
        int nameStart = pos;
        char c = 0;
        while (pos < s.length()) {
            c = s.charAt(pos++);
            if (c == '{') {
                throw PythonException.valueError("unexpected '{' in field name");
            } else if (c == '[') {
                while (pos < s.length() && s.charAt(pos) != ']') {
                    pos++;
                }
            } else if (c == '}' || c == ':' || c == '!') {
                break;
            }
        }
        String name = s.substring(nameStart, Math.max(nameStart, pos - 1));
        if (c == '}') {
            return new Chunk(literal, name, 0, "");
        } else if (c != '!' && c != ':') {
            throw PythonException.valueError("expected '}' before end of string");
        }
        int conversion = 0;
        if (c == '!') {
            if (pos >= s.length()) {
                throw PythonException.valueError("end of string while looking for conversion specifier");
            }
            conversion = s.codePointAt(pos);
            pos += Character.charCount(conversion);
            if (pos < s.length()) {
                char after = s.charAt(pos++);
                if (after == '}') {
                    return new Chunk(literal, name, conversion, "");
                } else if (after != ':') {
                    throw PythonException.valueError("expected ':' after conversion specifier");
                }
            }
        }
        return new Chunk(literal, name, conversion, spec());
    }

    private String spec() {
        int start = pos;
        int depth = 1;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return s.substring(start, pos - 1);
            }
        }
        throw PythonException.valueError("unmatched '{' in format spec");
    }
}
