package org.ebm4j.api.energy;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Energies of a batch and their input gradients.
 *
 * @param energy shape {@code [n]}
 * @param gradient ∇ₓE, shape {@code [n, ...sampleShape]}
 */
public record EnergyGradient(INDArray energy, INDArray gradient) {
}
