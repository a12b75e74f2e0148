package org.ebm4j.rbm.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Enumeration of binary configurations, for exact sums over a small layer. */
public final class BinaryStates {

    private BinaryStates() {
    }

    /**
     * @return rows {@code offset .. offset+rows-1} written in binary, bit j of the index in column j; shape
     *     {@code [rows, units]}, DOUBLE
     */
    public static INDArray range(long offset, int rows, int units) {
        double[] bits = new double[rows * units];
        for (int r = 0; r < rows; r++) {
            long index = offset + r;
            for (int j = 0; j < units; j++) {
                bits[r * units + j] = (index >>> j) & 1L;
            }
        }
        return Nd4j.create(bits, new long[] {rows, units}, DataType.DOUBLE);
    }

    /** @return all {@code 2^units} configurations, shape {@code [2^units, units]}. */
    public static INDArray all(int units) {
        return range(0, 1 << units, units);
    }
}
