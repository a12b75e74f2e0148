package org.ebm4j.testing;

import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.energy.EnergyGradient;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Test fixture shared through the test-jar: E(x) = ½‖x‖² on vectors of dimension {@code d}, the standard Gaussian.
 * Gradient ∇E(x) = x.
 */
public final class QuadraticEnergy implements EnergyFunction {

    private final long[] sampleShape;

    public QuadraticEnergy(int dimension) {
        this.sampleShape = new long[] {dimension};
    }

    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }

    @Override
    public INDArray energy(INDArray x) {
        checkBatch("x", x);
        return x.mul(x).sum(1).muli(0.5);
    }

    @Override
    public EnergyGradient energyAndGradient(INDArray x) {
        return new EnergyGradient(energy(x), x.dup());
    }
}
