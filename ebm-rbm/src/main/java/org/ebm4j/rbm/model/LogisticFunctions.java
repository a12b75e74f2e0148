package org.ebm4j.rbm.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Overflow-safe softplus for free energies. ND4J's softplus computes log(1 + eᵃ), which overflows in float for
 * a &gt; 88; here softplus(a) = max(a, 0) + log(1 + e^−|a|), exact to rounding for every finite a.
 */
public final class LogisticFunctions {

    private LogisticFunctions() {
    }

    /** @return softplus of every entry, as a new array ({@code a} is not modified). */
    public static INDArray softplus(INDArray a) {
        INDArray tail = Transforms.abs(a, true).negi();
        Transforms.exp(tail, false);
        Transforms.log1p(tail, false);
        return tail.addi(Transforms.relu(a, true));
    }

    /** @return softplus(x) for one number, computed as {@link #softplus(INDArray)} does. */
    public static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
