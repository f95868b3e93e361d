package org.arroyo.camel.message.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The immutable maps of Arroyo values ({@link Values#freeze}, {@link MapBuilder}): keys and values in two arrays, in
 * order. Small maps, the usual message header, are searched in place; larger ones get a hash index, so that lookups
 * and building stay linear in the number of entries.
 */
final class FrozenMap extends AbstractMap<String, Object> {

    /** Up to this many entries, a key is found by comparing it with each (the same String is the usual hit). */
    static final int SCANNED = 8;

    static final FrozenMap EMPTY = new FrozenMap(new String[0], new Object[0], 0, null);

    private final String[] keys;
    private final Object[] values;
    private final int size;
    /** The keys' hash table ({@link #indexFor}) for more than {@link #SCANNED} entries; null for fewer. */
    private final int[] index;
    private Set<Entry<String, Object>> entries;

    /**
     * Takes the arrays as they are: their first {@code size} elements are the entries (distinct keys, frozen values);
     * the index is there when they are more than SCANNED.
     */
    FrozenMap(String[] keys, Object[] values, int size, int[] index) {
        this.keys = keys;
        this.values = values;
        this.size = size;
        this.index = index;
    }

    /** Where a key sits among {@code size} keys, or -1; {@code index} is null for up to SCANNED keys. */
    static int indexOf(Object key, String[] keys, int size, int[] index) {
        if (!(key instanceof String text)) {
            return -1;
        }
        if (index != null) {
            int mask = index.length - 1;
            for (int slot = slotOf(text, mask); ; slot = (slot + 1) & mask) {
                int at = index[slot] - 1;
                if (at < 0 || keys[at].equals(text)) {
                    return at;
                }
            }
        }
        int hash = text.hashCode();
        for (int i = 0; i < size; i++) {
            String candidate = keys[i];
            if (candidate == text || candidate.hashCode() == hash && candidate.equals(text)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A hash table of the first {@code size} keys, or null when they are few enough to scan: open addressing, each slot
     * holding a key's place + 1 (0 when free), in an array at least twice as long as the keys, so that probing stays
     * short. One array: a {@code HashMap} of the places allocated more than the rest of the map.
     */
    static int[] indexFor(String[] keys, int size) {
        if (size <= SCANNED) {
            return null;
        }
        int[] index = new int[Integer.highestOneBit(size * 2 - 1) << 1];
        for (int i = 0; i < size; i++) {
            place(index, keys[i], i);
        }
        return index;
    }

    /** Whether a table of {@link #indexFor} has room for {@code size} keys. */
    static boolean hasRoom(int[] index, int size) {
        return size * 2 <= index.length;
    }

    /** Enters the key at place {@code at} (a key not there yet) in a table of {@link #indexFor} with room for it. */
    static void place(int[] index, String key, int at) {
        int mask = index.length - 1;
        int slot = slotOf(key, mask);
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        index[slot] = at + 1;
    }

    private static int slotOf(String key, int mask) {
        int hash = key.hashCode();
        return (hash ^ hash >>> 16) & mask;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key, keys, size, index) >= 0;
    }

    @Override
    public Object get(Object key) {
        int at = indexOf(key, keys, size, index);
        return at < 0 ? null : values[at];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < size; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        if (entries == null) {
            entries = new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (next >= size) {
                                throw new NoSuchElementException();
                            }
                            Entry<String, Object> entry = new SimpleImmutableEntry<>(keys[next], values[next]);
                            next++;
                            return entry;
                        }
                    };
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }
        return entries;
    }
}
