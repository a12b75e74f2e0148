package org.ebm4j.api.training;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A first-order optimiser that updates parameters in place. Its state (moments, step count) is part of checkpoints.
 */
public interface Optimizer {

    /**
     * Applies one update θ ← θ − step(∂L/∂θ).
     *
     * @param parameters the live parameters, updated in place
     * @param gradients ∂L/∂θ, same names and shapes
     * @param learningRate the learning rate for this update (schedules live outside the optimiser)
     */
    void update(Map<String, INDArray> parameters, Map<String, INDArray> gradients, double learningRate);

    /** @return a copy of the optimiser's state as named arrays (scalars as length-1 arrays). */
    Map<String, INDArray> state();

    /** Restores a state returned by {@link #state()}. */
    void restore(Map<String, INDArray> state);
}
