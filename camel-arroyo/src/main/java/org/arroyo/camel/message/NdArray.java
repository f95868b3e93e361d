package org.arroyo.camel.message;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

import org.arroyo.camel.message.internal.Values;

/**
 * A numpy-style n-dimensional array over bytes that are not copied: element type, shape
 * (row-major, C order), byte order, and typed views in the right order.
 */
public final class NdArray {

    private final DType dtype;
    private final int[] shape;
    private final ByteOrder byteOrder;
    private final ByteBuffer data;

    /**
     * @throws IllegalArgumentException when the data length is not the shape's element count times the item size
     */
    public NdArray(DType dtype, int[] shape, ByteOrder byteOrder, ByteBuffer data) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        Objects.requireNonNull(byteOrder, "byteOrder");
        // one-byte elements have no byte order (numpy writes '|'): all read as little-endian, so they compare equal
        this.byteOrder = dtype.itemSize() == 1 ? ByteOrder.LITTLE_ENDIAN : byteOrder;
        long expected = elementCount(this.shape) * dtype.itemSize();
        if (expected != data.remaining()) {
            throw new IllegalArgumentException("array data has " + data.remaining() + " bytes but dtype "
                    + dtype.numpyName() + " and shape " + Arrays.toString(this.shape) + " need " + expected);
        }
        this.data = Values.readOnlySlice(data).order(this.byteOrder);
    }

    /*
     * Typed factories: a little-endian array of the dtype holding a copy of the values, in C order, shaped as given or,
     * without a shape, one-dimensional. Unsigned types take the next wider Java type and refuse values out of range,
     * except uint64, whose long values are read as unsigned (as Long.parseUnsignedLong writes them).
     */

    /** A uint8 array of the values (0 to 255). */
    public static NdArray ofUint8(int[] values, int... shape) {
        return filled(DType.UINT8, values.length, shape, bytes -> {
            for (int i = 0; i < values.length; i++) {
                bytes.put((byte) unsigned(values[i], 0xff, DType.UINT8, i));
            }
        });
    }

    /** An int8 array of the values. */
    public static NdArray ofInt8(byte[] values, int... shape) {
        return filled(DType.INT8, values.length, shape, bytes -> bytes.put(values));
    }

    /** A uint16 array of the values (0 to 65535). */
    public static NdArray ofUint16(int[] values, int... shape) {
        return filled(DType.UINT16, values.length, shape, bytes -> {
            for (int i = 0; i < values.length; i++) {
                bytes.putShort((short) unsigned(values[i], 0xffff, DType.UINT16, i));
            }
        });
    }

    /** An int16 array of the values. */
    public static NdArray ofInt16(short[] values, int... shape) {
        return filled(DType.INT16, values.length, shape, bytes -> bytes.asShortBuffer().put(values));
    }

    /** A uint32 array of the values (0 to 4294967295). */
    public static NdArray ofUint32(long[] values, int... shape) {
        return filled(DType.UINT32, values.length, shape, bytes -> {
            for (int i = 0; i < values.length; i++) {
                bytes.putInt((int) unsigned(values[i], 0xffff_ffffL, DType.UINT32, i));
            }
        });
    }

    /** An int32 array of the values. */
    public static NdArray ofInt32(int[] values, int... shape) {
        return filled(DType.INT32, values.length, shape, bytes -> bytes.asIntBuffer().put(values));
    }

    /** A uint64 array of the values, each long read as unsigned (-1 is 18446744073709551615). */
    public static NdArray ofUint64(long[] values, int... shape) {
        return filled(DType.UINT64, values.length, shape, bytes -> bytes.asLongBuffer().put(values));
    }

    /** An int64 array of the values. */
    public static NdArray ofInt64(long[] values, int... shape) {
        return filled(DType.INT64, values.length, shape, bytes -> bytes.asLongBuffer().put(values));
    }

    /** A float32 array of the values. */
    public static NdArray ofFloats(float[] values, int... shape) {
        return filled(DType.FLOAT32, values.length, shape, bytes -> bytes.asFloatBuffer().put(values));
    }

    /** A float64 array of the values. */
    public static NdArray ofDoubles(double[] values, int... shape) {
        return filled(DType.FLOAT64, values.length, shape, bytes -> bytes.asDoubleBuffer().put(values));
    }

    /** A little-endian array of {@code count} elements whose bytes {@code fill} writes from position 0. */
    private static NdArray filled(DType dtype, int count, int[] shape, Consumer<ByteBuffer> fill) {
        ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(count, dtype.itemSize())).order(ByteOrder.LITTLE_ENDIAN);
        fill.accept(bytes);
        return new NdArray(dtype, shape.length == 0 ? new int[] { count } : shape, ByteOrder.LITTLE_ENDIAN, bytes.clear());
    }

    private static long unsigned(long value, long max, DType dtype, int index) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(dtype.numpyName() + " values are 0 to " + max + ", not " + value + " (at index " + index + ")");
        }
        return value;
    }

    public DType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public ByteOrder byteOrder() {
        return byteOrder;
    }

    /** The raw bytes, read-only, positioned at 0, in the array's byte order. */
    public ByteBuffer data() {
        return data.duplicate().order(byteOrder);
    }

    /** Number of elements (the product of the shape). */
    public long size() {
        return elementCount(shape);
    }

    /** Number of bytes. */
    public int nbytes() {
        return data.remaining();
    }

    /** 16-bit elements (int16, uint16 -- read these with {@link Short#toUnsignedInt}); no copy. */
    public ShortBuffer asShortBuffer() {
        requireItemSize(2, "asShortBuffer");
        return data().asShortBuffer();
    }

    /** 32-bit integer elements (int32, uint32 -- read these with {@link Integer#toUnsignedLong}); no copy. */
    public IntBuffer asIntBuffer() {
        requireKind(DType.INT32, DType.UINT32, "asIntBuffer");
        return data().asIntBuffer();
    }

    /** 64-bit integer elements (int64, uint64); no copy. */
    public LongBuffer asLongBuffer() {
        requireKind(DType.INT64, DType.UINT64, "asLongBuffer");
        return data().asLongBuffer();
    }

    /** float32 elements; no copy. */
    public FloatBuffer asFloatBuffer() {
        requireKind(DType.FLOAT32, DType.FLOAT32, "asFloatBuffer");
        return data().asFloatBuffer();
    }

    /** float64 elements; no copy. */
    public DoubleBuffer asDoubleBuffer() {
        requireKind(DType.FLOAT64, DType.FLOAT64, "asDoubleBuffer");
        return data().asDoubleBuffer();
    }

    /**
     * Every element as a double, whatever the dtype (unsigned types read as unsigned), in C order: one pass over the
     * bytes, as fast as numpy's {@code astype(np.float64)}.
     */
    public double[] toDoubleArray() {
        double[] out = new double[Math.toIntExact(size())];
        switch (dtype) {
            case BOOL, INT8 -> {
                ByteBuffer in = data();
                for (int i = 0; i < out.length; i++) {
                    out[i] = in.get(i);
                }
            }
            case UINT8 -> {
                ByteBuffer in = data();
                for (int i = 0; i < out.length; i++) {
                    out[i] = Byte.toUnsignedInt(in.get(i));
                }
            }
            case INT16 -> {
                ShortBuffer in = asShortBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = in.get(i);
                }
            }
            case UINT16 -> {
                ShortBuffer in = asShortBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = Short.toUnsignedInt(in.get(i));
                }
            }
            case INT32 -> {
                IntBuffer in = asIntBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = in.get(i);
                }
            }
            case UINT32 -> {
                IntBuffer in = asIntBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = Integer.toUnsignedLong(in.get(i));
                }
            }
            case INT64 -> {
                LongBuffer in = asLongBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = in.get(i);
                }
            }
            case UINT64 -> {
                LongBuffer in = asLongBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = unsignedToDouble(in.get(i));
                }
            }
            case FLOAT16 -> {
                ShortBuffer in = asShortBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = halfToFloat(in.get(i));
                }
            }
            case FLOAT32 -> {
                FloatBuffer in = asFloatBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = in.get(i);
                }
            }
            case FLOAT64 -> asDoubleBuffer().get(out);
        }
        return out;
    }

    private static double unsignedToDouble(long value) {
        // halve keeping the lowest bit as a sticky bit, so the one rounding to double is the correct one
        return value >= 0 ? value : ((value >>> 1) | (value & 1)) * 2.0;
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    private static float halfToFloat(short half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1f;
        int mantissa = half & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }

    private void requireItemSize(int size, String method) {
        if (dtype.itemSize() != size) {
            throw new IllegalStateException(method + " needs a " + size + "-byte dtype, this array is " + dtype.numpyName());
        }
    }

    private void requireKind(DType signed, DType unsigned, String method) {
        if (dtype != signed && dtype != unsigned) {
            throw new IllegalStateException(method + " needs dtype " + signed.numpyName()
                    + (signed == unsigned ? "" : " or " + unsigned.numpyName()) + ", this array is " + dtype.numpyName());
        }
    }

    private static long elementCount(int[] shape) {
        long count = 1;
        for (int dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            count *= dim;
            if (count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31 elements");
            }
        }
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NdArray other && dtype == other.dtype && byteOrder.equals(other.byteOrder)
                && Arrays.equals(shape, other.shape) && data.equals(other.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, byteOrder, Arrays.hashCode(shape), data.remaining());
    }

    @Override
    public String toString() {
        return dtype.numpyName() + Arrays.toString(shape) + (dtype.itemSize() > 1 ? " " + byteOrder : "")
                + " " + Values.describeBytes(data);
    }
}
