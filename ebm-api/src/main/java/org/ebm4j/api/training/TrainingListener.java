package org.ebm4j.api.training;

/**
 * Observes a training run: logging, metrics files, progress bars, sample grids and checkpoints are listeners, never
 * prints inside the loop. All methods have empty defaults.
 */
public interface TrainingListener {

    /** Before the first iteration (also when a run resumes). */
    default void onStart(TrainingContext context) {
    }

    /** After every parameter update. */
    default void onIteration(TrainingContext context, IterationReport report) {
    }

    /** After the last iteration of an epoch. */
    default void onEpochEnd(TrainingContext context, int epoch) {
    }

    /** When the run ends, normally or not. */
    default void onFinish(TrainingContext context, TrainingSummary summary) {
    }
}
