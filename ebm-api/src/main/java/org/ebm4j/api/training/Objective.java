package org.ebm4j.api.training;

import org.ebm4j.api.energy.ParametricEnergy;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training loss of an energy-based model, computed from a positive (data) and a negative (model sample) batch.
 * Contrastive divergence for neural energies and CD-k/PCD for RBMs are both objectives of this shape; they differ in
 * the loss and in where the negatives come from.
 */
public interface Objective {

    /**
     * @param model the model being trained; not modified
     * @param positive data, shape {@code [n, ...]}
     * @param negative model samples, shape {@code [m, ...]}
     * @return the loss, its named terms and ∂L/∂θ
     */
    ObjectiveResult evaluate(ParametricEnergy model, INDArray positive, INDArray negative);
}
