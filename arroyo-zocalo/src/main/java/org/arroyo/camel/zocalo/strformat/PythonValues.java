package org.arroyo.camel.zocalo.strformat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.PythonFloats;

/**
 * Python's view of JSON values (None, bool, int, float, str, list, dict as Jackson reads them:
 * {@code null}, Boolean, Long/Integer/BigInteger, Double, String, List, Map): {@code str()},
 * {@code repr()}, {@code ==}, {@code in}, {@code []}, iteration and {@code int()} of a string,
 * raising what Python raises.
 */
public final class PythonValues {

    private PythonValues() {
    }

    public static String typeName(Object value) {
        if (value == null) {
            return "NoneType";
        } else if (value instanceof Boolean) {
            return "bool";
        } else if (isInteger(value)) {
            return "int";
        } else if (value instanceof Double || value instanceof Float) {
            return "float";
        } else if (value instanceof CharSequence) {
            return "str";
        } else if (value instanceof List) {
            return "list";
        } else if (value instanceof Map) {
            return "dict";
        }
        return value.getClass().getSimpleName();
    }

    /** Python's {@code isinstance(value, int)}: true for bool too. */
    public static boolean isInt(Object value) {
        return value instanceof Boolean || isInteger(value);
    }

    private static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger;
    }

    /** {@code str(value)}. */
    public static String str(Object value) {
        return value instanceof String s ? s : repr(value);
    }

    /** {@code repr(value)}. */
    public static String repr(Object value) {
        if (value == null) {
            return "None";
        } else if (value instanceof Boolean b) {
            return b ? "True" : "False";
        } else if (value instanceof Double || value instanceof Float) {
            return PythonFloats.repr(((Number) value).doubleValue());
        } else if (value instanceof String s) {
            return PythonStrings.repr(s);
        } else if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(repr(item)));
            return "[" + String.join(", ", items) + "]";
        } else if (value instanceof Map<?, ?> map) {
            List<String> items = new ArrayList<>(map.size());
            map.forEach((k, v) -> items.add(repr(k) + ": " + repr(v)));
            return "{" + String.join(", ", items) + "}";
        }
        return value.toString();
    }

    /** {@code ascii(value)}: repr with every non-ASCII character escaped. */
    public static String ascii(Object value) {
        return PythonStrings.escapeNonAscii(repr(value));
    }

    /** Python truthiness. */
    public static boolean truthy(Object value) {
        if (value == null) {
            return false;
        } else if (value instanceof Boolean b) {
            return b;
        } else if (value instanceof Number n) {
            return numeric(n).signum() != 0;
        } else if (value instanceof String s) {
            return !s.isEmpty();
        } else if (value instanceof List<?> list) {
            return !list.isEmpty();
        } else if (value instanceof Map<?, ?> map) {
            return !map.isEmpty();
        }
        return true;
    }

    /** Python's {@code a == b}: numbers (bool included) by value, containers element by element. */
    public static boolean equal(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return numericEqual(a, b);
        } else if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        } else if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                Object key = findKey(y, entry.getKey());
                if (key == NOT_FOUND || !equal(entry.getValue(), y.get(key))) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }

    /** Python's {@code item in container}. */
    public static boolean contains(Object container, Object item) {
        if (container instanceof Map<?, ?> map) {
            return findKey(map, item) != NOT_FOUND;
        } else if (container instanceof List<?> list) {
            return list.stream().anyMatch(element -> equal(element, item));
        } else if (container instanceof String s) {
            if (!(item instanceof String sub)) {
                throw PythonException.typeError("'in <string>' requires string as left operand, not " + typeName(item));
            }
            return s.contains(sub);
        }
        throw PythonException.typeError("argument of type '" + typeName(container) + "' is not iterable");
    }

    /** Python's {@code container[key]}. */
    public static Object getItem(Object container, Object key) {
        if (container instanceof Map<?, ?> map) {
            Object found = findKey(map, key);
            if (found == NOT_FOUND) {
                throw new PythonException("KeyError", repr(key));
            }
            return map.get(found);
        } else if (container instanceof List<?> list) {
            if (!isInt(key)) {
                throw PythonException.typeError("list indices must be integers or slices, not " + typeName(key));
            }
            return list.get(index(key, list.size(), "list"));
        } else if (container instanceof String s) {
            if (!isInt(key)) {
                throw PythonException.typeError("string indices must be integers, not '" + typeName(key) + "'");
            }
            int[] codePoints = s.codePoints().toArray();
            return Character.toString(codePoints[index(key, codePoints.length, "string")]);
        }
        throw PythonException.typeError("'" + typeName(container) + "' object is not subscriptable");
    }

    /** The items Python's {@code tuple(value)} holds: list items, dict keys or characters. */
    public static List<Object> iterate(Object value) {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        } else if (value instanceof Map<?, ?> map) {
            return new ArrayList<>(map.keySet());
        } else if (value instanceof String s) {
            List<Object> characters = new ArrayList<>();
            s.codePoints().forEach(c -> characters.add(Character.toString(c)));
            return characters;
        }
        throw PythonException.typeError("'" + typeName(value) + "' object is not iterable");
    }

    /** Fails as Python does for a dict key that cannot be hashed. */
    public static void requireHashable(Object key) {
        if (key instanceof List || key instanceof Map) {
            throw PythonException.typeError("unhashable type: '" + typeName(key) + "'");
        }
    }

    /** The key of {@code map} that Python would find for {@code key}, or {@link #NOT_FOUND}. */
    public static Object findKey(Map<?, ?> map, Object key) {
        requireHashable(key);
        if (map.containsKey(key)) {
            return key;
        }
        for (Object candidate : map.keySet()) {
            if (equal(candidate, key)) {
                return candidate;
            }
        }
        return NOT_FOUND;
    }

    /** Marks a key that is not in a map (null is a valid Python key). */
    public static final Object NOT_FOUND = new Object() {
        @Override
        public String toString() {
            return "<not found>";
        }
    };

    /**
     * Python's {@code int(text)}: surrounding whitespace, a sign, decimal digits (any script) with
     * single underscores between them.
     */
    public static Number parseInt(String text) {
        String trimmed = text.strip();
        StringBuilder digits = new StringBuilder();
        int i = 0;
        if (!trimmed.isEmpty() && (trimmed.charAt(0) == '+' || trimmed.charAt(0) == '-')) {
            digits.append(trimmed.charAt(0));
            i = 1;
        }
        boolean lastWasDigit = false;
        int count = 0;
        while (i < trimmed.length()) {
            int c = trimmed.codePointAt(i);
            i += Character.charCount(c);
            if (c == '_' && lastWasDigit) {
                lastWasDigit = false;
                continue;
            }
            int digit = Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER ? Character.digit(c, 10) : -1;
            if (digit < 0) {
                throw invalidInt(text);
            }
            digits.append((char) ('0' + digit));
            lastWasDigit = true;
            count++;
        }
        if (count == 0 || !lastWasDigit) {
            throw invalidInt(text);
        }
        return normalize(new BigInteger(digits.toString()));
    }

    /** A Python int as Java holds it: Long when it fits, else BigInteger. */
    public static Number normalize(BigInteger value) {
        return value.bitLength() < 64 ? (Number) value.longValue() : value;
    }

    private static PythonException invalidInt(String text) {
        return PythonException.valueError("invalid literal for int() with base 10: " + repr(text));
    }

    private static int index(Object key, int size, String what) {
        BigInteger i = numeric((Number) (key instanceof Boolean b ? (b ? 1L : 0L) : key)).toBigInteger();
        if (i.signum() < 0) {
            i = i.add(BigInteger.valueOf(size));
        }
        if (i.signum() < 0 || i.compareTo(BigInteger.valueOf(size)) >= 0) {
            throw new PythonException("IndexError", what + " index out of range");
        }
        return i.intValueExact();
    }

    private static boolean isNumber(Object value) {
        return value instanceof Number || value instanceof Boolean;
    }

    private static boolean numericEqual(Object a, Object b) {
        Number x = a instanceof Boolean p ? (Number) (p ? 1L : 0L) : (Number) a;
        Number y = b instanceof Boolean q ? (Number) (q ? 1L : 0L) : (Number) b;
        if (isNonFinite(x) || isNonFinite(y)) {
            return x.doubleValue() == y.doubleValue();
        }
        return numeric(x).compareTo(numeric(y)) == 0;
    }

    private static boolean isNonFinite(Number n) {
        return (n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue());
    }

    private static BigDecimal numeric(Number n) {
        if (n instanceof BigInteger big) {
            return new BigDecimal(big);
        } else if (n instanceof Double || n instanceof Float) {
            return Double.isFinite(n.doubleValue()) ? new BigDecimal(n.doubleValue()) : BigDecimal.ONE;
        }
        return BigDecimal.valueOf(n.longValue());
    }
}
