package org.arroyo.camel.view;

import java.nio.ByteBuffer;

import org.arroyo.camel.message.NdArray;

/** Elements of an array as doubles, read by the array's own conversion, without copying the whole array. */
final class Samples {

    private Samples() {
    }

    /** {@code count} elements (C order) from element {@code first}, every {@code step}-th. */
    static double[] of(NdArray array, long first, int count, int step) {
        if (step == 1) {
            return run(array, first, count).toDoubleArray();
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = run(array, first + (long) i * step, 1).toDoubleArray()[0];
        }
        return values;
    }

    private static NdArray run(NdArray array, long first, int count) {
        int itemSize = array.dtype().itemSize();
        ByteBuffer bytes = array.data().slice(Math.toIntExact(first * itemSize), count * itemSize);
        return new NdArray(array.dtype(), new int[] { count }, array.byteOrder(), bytes);
    }

    /** The step that keeps at most {@code max} of {@code length} elements. */
    static int step(int length, int max) {
        return Math.max(1, (length + max - 1) / max);
    }

    /** The number of elements kept of {@code length} with this step. */
    static int kept(int length, int step) {
        return (length + step - 1) / step;
    }
}
