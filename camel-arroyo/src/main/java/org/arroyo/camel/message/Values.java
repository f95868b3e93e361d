package org.arroyo.camel.message;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
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

    /** A map made by {@link #freeze}: immutable all the way down, so freezing it again returns it as it is. */
    private static final class FrozenMap extends AbstractMap<String, Object> {

        private final Map<String, Object> entries;

        FrozenMap(Map<String, Object> entries) {
            this.entries = Collections.unmodifiableMap(entries);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return entries.entrySet();
        }

        @Override
        public Object get(Object key) {
            return entries.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.containsKey(key);
        }
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
        if (map == null) {
            return Map.of();
        }
        if (map instanceof FrozenMap frozen) {
            return frozen;
        }
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("map key " + entry.getKey() + " is not a string");
            }
            copy.put(key, freezeValue(entry.getValue()));
        }
        return new FrozenMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object freezeValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return freeze((Map<String, ?>) map);
        }
        if (value instanceof FrozenList) {
            return value;
        }
        if (value instanceof List<?> list) {
            Object[] copy = new Object[list.size()];
            int i = 0;
            for (Object element : list) {
                copy[i++] = freezeValue(element);
            }
            return new FrozenList(copy);
        }
        if (value instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes.clone()).asReadOnlyBuffer();
        }
        if (value instanceof ByteBuffer buffer) {
            return buffer.slice().asReadOnlyBuffer();
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < Long.SIZE) {
            return big.longValue();
        }
        if (value == null || value instanceof Boolean || value instanceof Long || value instanceof BigInteger
                || value instanceof Double || value instanceof Float || value instanceof String) {
            return value;
        }
        throw new IllegalArgumentException("not an Arroyo value: " + value.getClass().getName()
                + " (use null, Boolean, Long, Double, String, byte[]/ByteBuffer, List or Map)");
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
