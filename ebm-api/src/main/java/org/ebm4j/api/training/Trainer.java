package org.ebm4j.api.training;

/**
 * Runs a training loop: for each minibatch of data, draw negatives (a {@link ReplayBuffer} start and a sampling
 * kernel), evaluate an {@link Objective}, update the parameters with an {@link Optimizer}, and report to
 * {@link TrainingListener}s. Neural EBMs (CD with a replay buffer) and RBMs (CD-k, PCD) use the same loop.
 */
public interface Trainer {

    /**
     * Trains until the configured number of epochs, or until a listener or a health check stops the run.
     *
     * @throws TrainingDivergedException if energies or gradients become NaN/Inf or exceed their bound
     */
    TrainingSummary train();

    /** Adds a listener; listeners are called in the order they were added. */
    void addListener(TrainingListener listener);
}
