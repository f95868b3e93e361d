package org.arroyo.camel.codec;

import java.util.Arrays;

/**
 * Decodes the short texts that recur in every message of a stream (field names, dtypes, message types, detector
 * names) without allocating: a small table of recently decoded texts, looked up by their UTF-8 bytes. Shared by all
 * threads; a race only replaces an entry, and entries never change.
 */
final class RecurringTexts {

    private static final int SLOTS = 512;
    private static final int MAX_LENGTH = 32;

    private record Entry(byte[] utf8, String text) {
    }

    private static final Entry[] TABLE = new Entry[SLOTS];

    private RecurringTexts() {
    }

    /** Strict UTF-8 as {@link Bytes#decodeUtf8(byte[], int, int, long, String)}, the same String for the same bytes. */
    static String decode(byte[] bytes, int from, int length, long offset, String what) {
        if (length > MAX_LENGTH) {
            return Bytes.decodeUtf8(bytes, from, length, offset, what);
        }
        int hash = 1;
        for (int i = from; i < from + length; i++) {
            hash = 31 * hash + bytes[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        Entry entry = TABLE[slot];
        if (entry != null && Arrays.equals(entry.utf8(), 0, entry.utf8().length, bytes, from, from + length)) {
            return entry.text();
        }
        String text = Bytes.decodeUtf8(bytes, from, length, offset, what);
        TABLE[slot] = new Entry(Arrays.copyOfRange(bytes, from, from + length), text);
        return text;
    }
}
