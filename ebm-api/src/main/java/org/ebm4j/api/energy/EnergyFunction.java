package org.ebm4j.api.energy;

import org.ebm4j.api.config.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An energy E(x) over states of a fixed shape; the unnormalised density is p(x) ∝ exp(−E(x)).
 *
 * <p>Everything works on batches: {@code x} has shape {@code [n, ...sampleShape()]}, energies have shape {@code [n]}.
 * Implementations must not modify {@code x}.
 */
public interface EnergyFunction {

    /** @return the shape of one state, for example {@code [2]} or {@code [1, 28, 28]}. */
    long[] sampleShape();

    /**
     * @param x states, shape {@code [n, ...sampleShape()]}
     * @return energies, shape {@code [n]}
     */
    INDArray energy(INDArray x);

    /**
     * Energies and their input gradients ∇ₓE in one evaluation (samplers need both).
     *
     * @param x states, shape {@code [n, ...sampleShape()]}
     * @return energies {@code [n]} and gradients of the same shape as {@code x}
     */
    EnergyGradient energyAndGradient(INDArray x);

    /**
     * Writes energies into {@code energyOut} and ∇ₓE into {@code gradientOut}; the hot loops of samplers call this with
     * preallocated buffers. The default copies the result of {@link #energyAndGradient(INDArray)}; implementations with
     * a zero-allocation path override it.
     *
     * @param x states, shape {@code [n, ...sampleShape()]}
     * @param energyOut shape {@code [n]}
     * @param gradientOut same shape as {@code x}
     */
    default void energyAndGradient(INDArray x, INDArray energyOut, INDArray gradientOut) {
        EnergyGradient eg = energyAndGradient(x);
        energyOut.assign(eg.energy());
        gradientOut.assign(eg.gradient());
    }

    /** @return the number of scalars in one state (the product of {@link #sampleShape()}). */
    default long dimension() {
        long d = 1;
        for (long s : sampleShape()) {
            d *= s;
        }
        return d;
    }

    /**
     * Checks that {@code x} is a batch of states this energy accepts.
     *
     * @throws IllegalArgumentException naming {@code argument}, its shape and the expected one
     */
    default INDArray checkBatch(String argument, INDArray x) {
        return Checks.batch(argument, x, sampleShape());
    }
}
