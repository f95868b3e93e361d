package org.arroyo.camel.message.internal;

import java.util.Arrays;
import java.util.Map;

/**
 * Builds an immutable map of Arroyo values entry by entry, in order: what {@link Values#freeze} makes, without first
 * making a mutable map to copy. Values are frozen as they are added (see {@link Values}); {@link #build} hands the map
 * over, after which the builder is spent.
 */
public final class MapBuilder {

    private String[] keys;
    private Object[] values;
    private int size;
    private int[] index;
    private boolean built;

    /** A builder with room for {@code expectedSize} entries; it grows past them. */
    public MapBuilder(int expectedSize) {
        int capacity = Math.max(1, expectedSize);
        keys = new String[capacity];
        values = new Object[capacity];
    }

    /** A builder holding a copy of a map's entries, in its iteration order. */
    public static MapBuilder of(Map<String, ?> map) {
        MapBuilder builder = new MapBuilder(map.size());
        // forEach rather than entrySet(): no iterator, and no entry objects from maps that make them (Map.of)
        ((Map<?, ?>) map).forEach(builder::addCopied);
        return builder;
    }

    /** An entry of a map being copied, whose keys may not be strings whatever its type says. */
    private void addCopied(Object key, Object value) {
        if (!(key instanceof String text)) {
            throw new IllegalArgumentException("map key " + key + " is not a string");
        }
        add(text, value);
    }

    /**
     * Adds an entry at the end.
     *
     * @return false, adding nothing, when the key is there already
     * @throws IllegalArgumentException when the value is not an Arroyo value
     */
    public boolean add(String key, Object value) {
        return isNew(key) && append(key, Values.freezeValue(value));
    }

    /**
     * Adds an entry at the end whose value is frozen already, as {@link Values#freezeValue} would make it: for readers
     * that make each value immutable as they read it, and so need no copy of it.
     *
     * @return false, adding nothing, when the key is there already
     */
    public boolean addFrozen(String key, Object frozen) {
        return isNew(key) && append(key, frozen);
    }

    /** Whether a key is not among the entries yet; a value is frozen only for a new key. */
    private boolean isNew(String key) {
        requireOpen();
        if (key == null) {
            throw new IllegalArgumentException("map key null is not a string");
        }
        return indexOf(key) < 0;
    }

    private boolean append(String key, Object frozen) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size] = frozen;
        size++;
        if (index != null && FrozenMap.hasRoom(index, size)) {
            FrozenMap.place(index, key, size - 1);
        } else {
            index = FrozenMap.indexFor(keys, size);
        }
        return true;
    }

    /** The value of a key, or null. */
    public Object get(String key) {
        int at = indexOf(key);
        return at < 0 ? null : values[at];
    }

    public boolean containsKey(String key) {
        return indexOf(key) >= 0;
    }

    /** The key's place among the entries, from 0, or -1. */
    public int indexOf(String key) {
        return FrozenMap.indexOf(key, keys, size, index);
    }

    /** Removes a key's entry, keeping the others in order; returns its value, or null. */
    public Object remove(String key) {
        requireOpen();
        int at = indexOf(key);
        if (at < 0) {
            return null;
        }
        Object value = values[at];
        System.arraycopy(keys, at + 1, keys, at, size - at - 1);
        System.arraycopy(values, at + 1, values, at, size - at - 1);
        size--;
        keys[size] = null;
        values[size] = null;
        if (index != null) {
            index = FrozenMap.indexFor(keys, size);
        }
        return value;
    }

    public int size() {
        return size;
    }

    /** The immutable map of the entries added; the builder cannot be used afterwards. */
    public Map<String, Object> build() {
        requireOpen();
        built = true;
        if (size == 0) {
            return FrozenMap.EMPTY;
        }
        return new FrozenMap(keys, values, size, index);
    }

    private void requireOpen() {
        if (built) {
            throw new IllegalStateException("this map is built already");
        }
    }
}
