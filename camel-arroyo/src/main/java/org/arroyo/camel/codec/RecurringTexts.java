package org.arroyo.camel.codec;

import java.util.Arrays;

/**
 * The short texts that recur in every message of a stream (field names, dtypes, message types, detector names),
 * decoded and encoded without allocating: a small table of recently seen texts and their UTF-8 bytes. An ASCII text
 * hashes to the same slot from its bytes as from its {@code String}, so decoding fills the table for encoding and the
 * other way round. Shared by all threads; a race only replaces an entry, and entries never change.
 */
final class RecurringTexts {

    private static final int SLOTS = 512;
    private static final int MAX_LENGTH = 32;

    /** A text and its UTF-8 bytes (never handed out for writing). */
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
        // String.hashCode of an ASCII text, computed from its bytes
        int hash = 0;
        for (int i = from; i < from + length; i++) {
            hash = 31 * hash + bytes[i];
        }
        Entry entry = TABLE[slot(hash)];
        if (entry != null && Arrays.equals(entry.utf8(), 0, entry.utf8().length, bytes, from, from + length)) {
            return entry.text();
        }
        String text = Bytes.decodeUtf8(bytes, from, length, offset, what);
        TABLE[slot(hash)] = new Entry(Arrays.copyOfRange(bytes, from, from + length), text);
        return text;
    }

    /**
     * The UTF-8 bytes of a text, as {@link Bytes#utf8(String)}; the array may be shared, so it must not be changed.
     */
    static byte[] utf8(String text) {
        if (text.length() > MAX_LENGTH) {
            return Bytes.utf8(text);
        }
        int slot = slot(text.hashCode());
        Entry entry = TABLE[slot];
        if (entry != null && entry.text().equals(text)) {
            return entry.utf8();
        }
        byte[] utf8 = Bytes.utf8(text);
        TABLE[slot] = new Entry(utf8, text);
        return utf8;
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }
}
