package org.arroyo.camel.zocalo.strformat;

import java.util.Map;

/**
 * Python's {@code string.Formatter().vformat(template, (), parameters)}: replacement fields
 * {@code {name}}, {@code {name[key]}}, {@code {name!r}}, {@code {name:spec}} (nested fields in
 * the spec included), {@code {{}} and {@code }}} escapes, and Python's errors for malformed
 * templates. Positional fields ({@code {}}, {@code {0}}) fail as they do with no positional
 * arguments. Attribute access ({@code {name.attr}}) is refused with an AttributeError: Python
 * would expose the object's methods, which no recipe can mean.
 */
public final class StringFormatter {

    private static final int MAX_RECURSION = 2;

    /** A name missing from the parameters, formatted back as {@code {name}}. */
    private record Missing(String name) {
        @Override
        public String toString() {
            return "{" + name + "}";
        }
    }

    private final Map<String, ?> parameters;
    private final boolean keepMissing;
    private final boolean capture;
    private Object captured;
    private boolean anyField;

    private StringFormatter(Map<String, ?> parameters, boolean keepMissing, boolean capture) {
        this.parameters = parameters;
        this.keepMissing = keepMissing;
        this.capture = capture;
    }

    /**
     * Formats {@code template}, leaving fields whose name is not among {@code parameters} as
     * they are (python-workflows' {@code SafeDict}).
     */
    public static String format(String template, Map<String, ?> parameters) {
        return new StringFormatter(parameters, true, false).vformat(template, MAX_RECURSION);
    }

    /**
     * The value of the last replacement field of {@code template} itself rather than its text
     * (python-workflows' {@code {$REPLACE:name}}); a missing name raises KeyError.
     */
    public static Object fieldValue(String template, Map<String, ?> parameters) {
        StringFormatter formatter = new StringFormatter(parameters, false, true);
        formatter.vformat(template, MAX_RECURSION);
        if (!formatter.anyField) {
            throw new PythonException("ValueError", "no replacement field in " + PythonValues.repr(template));
        }
        return formatter.captured;
    }

    private String vformat(String template, int depth) {
        if (depth < 0) {
            throw PythonException.valueError("Max string recursion exceeded");
        }
        StringBuilder out = new StringBuilder();
        FormatParser parser = new FormatParser(template);
        for (FormatParser.Chunk chunk = parser.next(); chunk != null; chunk = parser.next()) {
            out.append(chunk.literal());
            if (chunk.fieldName() != null) {
                Object value = convert(field(chunk.fieldName()), chunk.conversion());
                String spec = vformat(chunk.spec(), depth - 1);
                out.append(formatField(value, spec));
            }
        }
        return out.toString();
    }

    private Object field(String fieldName) {
        if (fieldName.isEmpty()) {
            throw new PythonException("IndexError", "tuple index out of range");
        }
        FieldName name = new FieldName(fieldName);
        Object value = lookup(name.first());
        for (FieldName.Step step = name.next(); step != null; step = name.next()) {
            value = step.attribute() ? attribute(value, (String) step.key()) : item(value, step.key());
        }
        return value;
    }

    private Object lookup(Object first) {
        if (!(first instanceof String name)) {
            throw new PythonException("IndexError", "tuple index out of range");
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        } else if (keepMissing) {
            return new Missing(name);
        }
        throw new PythonException("KeyError", PythonValues.repr(name));
    }

    private static Object attribute(Object value, String attribute) {
        String type = value instanceof Missing ? "SafeString" : PythonValues.typeName(value);
        throw new PythonException("AttributeError", "'" + type + "' object has no attribute " + PythonValues.repr(attribute));
    }

    private static Object item(Object value, Object key) {
        if (value instanceof Missing missing) {
            if (!(key instanceof String text)) {
                throw PythonException.typeError("can only concatenate str (not \"int\") to str");
            }
            return new Missing(missing.name() + "[" + text + "]");
        }
        return PythonValues.getItem(value, key);
    }

    private static Object convert(Object value, int conversion) {
        return switch (conversion) {
            case 0 -> value;
            case 's' -> value instanceof Missing ? value.toString() : PythonValues.str(value);
            case 'r' -> value instanceof Missing ? value.toString() : PythonValues.repr(value);
            case 'a' -> value instanceof Missing ? PythonStrings.escapeNonAscii(value.toString()) : PythonValues.ascii(value);
            default -> throw PythonException.valueError("Unknown conversion specifier " + Character.toString(conversion));
        };
    }

    private String formatField(Object value, String spec) {
        if (capture) {
            captured = value;
            anyField = true;
            return "";
        } else if (value instanceof Missing) {
            if (!spec.isEmpty()) {
                throw PythonException.typeError("unsupported format string passed to SafeString.__format__");
            }
            return value.toString();
        }
        return FormatSpec.format(value, spec);
    }
}
