package org.arroyo.camel.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Set;

/**
 * The short texts that recur in every message of a stream (field names, dtypes, message types, detector names),
 * decoded and encoded without allocating: two small tables of recently seen texts and their UTF-8 bytes, one found
 * from the bytes, one from the String. Shared by all threads; a race only replaces an entry, and entries never change.
 */
final class RecurringTexts {

    private static final int SLOTS = 512;
    private static final int MAX_LENGTH = 32;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * A decoded text and its UTF-8 bytes, with the bytes' first and last (up to) eight as numbers: for texts of up to
     * 16 bytes, these two numbers and the length are the whole text.
     */
    private record Decoded(byte[] utf8, String text, long head, long tail) {
    }

    /** An encoded text and its UTF-8 bytes (never handed out for writing). */
    private record Encoded(String text, byte[] utf8) {
    }

    /**
     * The names of the arroyosas convention decode to the codecs' own constants (literals are interned), so that the
     * codecs' lookups of them find the very same String.
     */
    private static final Set<String> WIRE_NAMES = Set.of("msg_type", "image", "array", "data", "dtype", "shape");

    private static final Decoded[] DECODED = new Decoded[SLOTS];
    private static final Encoded[] ENCODED = new Encoded[SLOTS];

    private RecurringTexts() {
    }

    /** Strict UTF-8 as {@link Bytes#decodeUtf8(byte[], int, int, long, String)}, the same String for the same bytes. */
    static String decode(byte[] bytes, int from, int length, long offset, String what) {
        if (length > MAX_LENGTH) {
            return Bytes.decodeUtf8(bytes, from, length, offset, what);
        }
        long head = word(bytes, from, Math.min(length, Long.BYTES));
        long tail = length <= Long.BYTES ? head : word(bytes, from + length - Long.BYTES, Long.BYTES);
        int slot = slot(head * 0x9E3779B97F4A7C15L ^ tail * 0xC2B2AE3D27D4EB4FL ^ length);
        Decoded entry = DECODED[slot];
        if (entry != null && entry.head() == head && entry.tail() == tail && entry.utf8().length == length
                && (length <= 2 * Long.BYTES || Arrays.equals(entry.utf8(), 0, length, bytes, from, from + length))) {
            return entry.text();
        }
        String text = Bytes.decodeUtf8(bytes, from, length, offset, what);
        if (WIRE_NAMES.contains(text)) {
            text = text.intern();
        }
        DECODED[slot] = new Decoded(Arrays.copyOfRange(bytes, from, from + length), text, head, tail);
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
        Encoded entry = ENCODED[slot];
        if (entry != null && entry.text().equals(text)) {
            return entry.utf8();
        }
        byte[] utf8 = Bytes.utf8(text);
        ENCODED[slot] = new Encoded(text, utf8);
        return utf8;
    }

    /** Up to eight bytes as a little-endian number. */
    private static long word(byte[] bytes, int from, int count) {
        if (count == Long.BYTES) {
            return (long) LONGS.get(bytes, from);
        }
        long word = 0;
        for (int i = count - 1; i >= 0; i--) {
            word = word << 8 | bytes[from + i] & 0xff;
        }
        return word;
    }

    private static int slot(long hash) {
        return (int) (hash ^ hash >>> 32 ^ hash >>> 17) & (SLOTS - 1);
    }
}
