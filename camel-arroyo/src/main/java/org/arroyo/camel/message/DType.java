package org.arroyo.camel.message;

import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Element types of numpy-style arrays, named as numpy names them. */
public enum DType {
    BOOL('b', 1),
    INT8('i', 1),
    UINT8('u', 1),
    INT16('i', 2),
    UINT16('u', 2),
    INT32('i', 4),
    UINT32('u', 4),
    INT64('i', 8),
    UINT64('u', 8),
    FLOAT16('f', 2),
    FLOAT32('f', 4),
    FLOAT64('f', 8);

    private static final String ORDER_PREFIXES = "<>=|";

    /**
     * Every spelling {@link #fromNumpy} accepts: names and type strings, each also after a byte-order prefix (so that
     * a lookup makes no substring).
     */
    private static final Map<String, DType> BY_SPELLING = new HashMap<>();

    static {
        for (DType type : values()) {
            for (String spelling : List.of(type.numpyName, type.typeString(ByteOrder.LITTLE_ENDIAN).substring(1))) {
                BY_SPELLING.put(spelling, type);
                for (char prefix : ORDER_PREFIXES.toCharArray()) {
                    BY_SPELLING.put(prefix + spelling, type);
                }
            }
        }
    }

    private final char kind;
    private final int itemSize;
    private final String numpyName = name().toLowerCase(Locale.ROOT);

    DType(char kind, int itemSize) {
        this.kind = kind;
        this.itemSize = itemSize;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** The numpy name, e.g. {@code uint16}. */
    public String numpyName() {
        return numpyName;
    }

    /**
     * The numpy array-interface type string for this type in the given byte order,
     * e.g. {@code >u2}; single-byte types use {@code |}.
     */
    public String typeString(ByteOrder order) {
        char prefix = itemSize == 1 ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
        return "" + prefix + kind + itemSize;
    }

    /**
     * The type a numpy dtype string names: a name ({@code uint16}; numpy writes native,
     * i.e. little-endian types so) or a type string ({@code <u2}, {@code >f4}, {@code |u1}).
     *
     * @throws IllegalArgumentException when the string names no supported type
     */
    public static DType fromNumpy(String dtype) {
        DType type = BY_SPELLING.get(dtype);
        if (type == null) {
            throw new IllegalArgumentException("unsupported dtype '" + dtype + "'");
        }
        return type;
    }

    /** The byte order a numpy dtype string states: big-endian only for a {@code >} prefix. */
    public static ByteOrder byteOrderOf(String dtype) {
        return dtype.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** How a dtype is written for the given order: the numpy name when little-endian, else a type string. */
    public String numpySpelling(ByteOrder order) {
        return order == ByteOrder.BIG_ENDIAN && itemSize > 1 ? typeString(order) : numpyName();
    }
}
