package org.arroyo.camel.message.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.AbstractList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.StringJoiner;

/**
 * The values an Arroyo map may hold, as the codecs produce them: {@code null}, {@link Boolean},
 * {@link Long} (or {@link BigInteger} beyond it), {@link Double} (or {@link Float} for float32 on the
 * wire), {@link String}, {@link ByteBuffer} (binary, read-only), {@link List} and {@link Map} with
 * string keys. Smaller integer types given by callers are widened to {@code Long}, a
 * {@code BigInteger} that fits a long becomes a {@code Long}, so that equal numbers compare equal.
 */
public final class Values {

    private static final int BYTES_SHOWN_INLINE = 16;

    private Values() {
    }

    /** A list made by {@link #freeze}: immutable all the way down. */
    private static final class FrozenList extends AbstractList<Object> implements RandomAccess {

        private final Object[] elements;

        FrozenList(Object[] elements) {
            this.elements = elements;
        }

        @Override
        public Object get(int index) {
            return elements[index];
        }

        @Override
        public int size() {
            return elements.length;
        }
    }

    /**
     * An immutable, order-keeping deep copy of a map of Arroyo values; a map (or list) this method made is
     * immutable already and is kept, not copied.
     */
    public static Map<String, Object> freeze(Map<String, ?> map) {
        if (map instanceof FrozenMap frozen) {
            return frozen;
        }
        if (map == null || map.isEmpty()) {
            return FrozenMap.EMPTY;
        }
        return MapBuilder.of(map).build();
    }

    /**
     * A frozen list of values frozen already (as {@link #freezeValue} makes them), holding the array itself: for readers
     * that make each value immutable as they read it and keep no reference to the array.
     */
    public static List<Object> frozenList(Object[] frozenElements) {
        return new FrozenList(frozenElements);
    }

    /** A value as a frozen map holds it: an immutable copy of a list or map, a read-only slice of bytes. */
    @SuppressWarnings("unchecked")
    static Object freezeValue(Object value) {
        // classes before interfaces: an instanceof Map or List test of a value that is neither is the slow kind
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean || value instanceof Float || value instanceof FrozenMap
                || value instanceof FrozenList) {
            return value;
        }
        if (value instanceof ByteBuffer buffer) {
            return readOnlySlice(buffer);
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < Long.SIZE ? (Object) big.longValue() : big;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes.clone()).asReadOnlyBuffer();
        }
        if (value instanceof Map<?, ?> map) {
            return freeze((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            Object[] copy = new Object[list.size()];
            int i = 0;
            for (Object element : list) {
                copy[i++] = freezeValue(element);
            }
            return new FrozenList(copy);
        }
        throw new IllegalArgumentException("not an Arroyo value: " + value.getClass().getName()
                + " (use null, Boolean, Long, Double, String, byte[]/ByteBuffer, List or Map)");
    }

    /** The remaining bytes as a buffer of their own that cannot change them (a slice of a read-only buffer is one). */
    public static ByteBuffer readOnlySlice(ByteBuffer bytes) {
        ByteBuffer slice = bytes.slice();
        return slice.isReadOnly() ? slice : slice.asReadOnlyBuffer();
    }

    /** A map as a person reads it: binary values as their size and a short hash. */
    public static String describe(Map<String, ?> map) {
        return describeValue(map);
    }

    private static String describeValue(Object value) {
        if (value instanceof ByteBuffer bytes) {
            return describeBytes(bytes);
        }
        if (value instanceof Map<?, ?> map) {
            StringJoiner joiner = new StringJoiner(", ", "{", "}");
            map.forEach((key, element) -> joiner.add(key + "=" + describeValue(element)));
            return joiner.toString();
        }
        if (value instanceof List<?> list) {
            StringJoiner joiner = new StringJoiner(", ", "[", "]");
            list.forEach(element -> joiner.add(describeValue(element)));
            return joiner.toString();
        }
        return String.valueOf(value);
    }

    /**
     * Fields as a line for people shows them: {@code key=value} for the first {@code count} fields not left out, each
     * value as {@link #describe} writes it, cut to {@code length} characters ({@code ...} at the end when cut).
     */
    public static List<String> shortFields(Map<String, ?> fields, Collection<String> leftOut, int count, int length) {
        return fields.entrySet().stream().filter(field -> !leftOut.contains(field.getKey())).limit(count).map(field -> {
            String value = describeValue(field.getValue());
            return field.getKey() + "=" + (value.length() <= length ? value : value.substring(0, length - 3) + "...");
        }).toList();
    }

    /** Bytes as a person reads them: short ones in hex, longer ones as size and a short sha256. */
    public static String describeBytes(ByteBuffer bytes) {
        if (bytes.remaining() <= BYTES_SHOWN_INLINE) {
            byte[] shown = new byte[bytes.remaining()];
            bytes.duplicate().get(shown);
            return "<" + bytes.remaining() + " B 0x" + HexFormat.of().formatHex(shown) + ">";
        }
        return "<" + bytes.remaining() + " B sha256:" + sha256(bytes).substring(0, 12) + ">";
    }

    /** The sha256 of the remaining bytes, in hex; the buffer's position is left as it was. */
    public static String sha256(ByteBuffer bytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes.duplicate());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
