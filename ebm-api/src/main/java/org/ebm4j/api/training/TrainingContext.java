package org.ebm4j.api.training;

import org.ebm4j.api.energy.ParametricEnergy;

/**
 * What a {@link TrainingListener} may look at: the model and where the run stands. Listeners must not modify the
 * model's parameters.
 *
 * @param model the model being trained
 * @param epochs the number of epochs the run is configured for
 * @param iterationsPerEpoch parameter updates per epoch
 * @param startIteration the iteration the run (re)started from (0 for a fresh run)
 */
public record TrainingContext(ParametricEnergy model, int epochs, long iterationsPerEpoch, long startIteration) {

    /** @return the total number of iterations of the run. */
    public long totalIterations() {
        return epochs * iterationsPerEpoch;
    }
}
