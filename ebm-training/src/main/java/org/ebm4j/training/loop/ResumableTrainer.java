package org.ebm4j.training.loop;

import java.nio.file.Path;
import org.ebm4j.api.training.Trainer;
import org.ebm4j.training.checkpoint.TrainingCheckpoint;

/**
 * A {@link Trainer} whose whole state fits in a {@link TrainingCheckpoint}: it can write one at any point between
 * updates and continue from one. {@link EbmTrainer} is the general loop; model-specific loops (the fused RBM trainer
 * of {@code ebm-rbm}) write checkpoints of the same layout, so either can continue the other's run.
 */
public interface ResumableTrainer extends Trainer {

    /** @return parameter updates done so far (including those of a restored checkpoint) */
    long iteration();

    /** @return parameter updates per pass over the data */
    long iterationsPerEpoch();

    /** @return the current state as a checkpoint (parameters and state arrays are copies) */
    TrainingCheckpoint checkpoint();

    /** Writes {@link #checkpoint()} to {@code file} atomically and remembers it as the last good checkpoint. */
    void writeCheckpoint(Path file);

    /**
     * Continues from {@code checkpoint}: parameters, optimiser state, persistent chains and iteration counter.
     *
     * @throws IllegalArgumentException if the checkpoint's parameters or seed do not match this run
     */
    void restore(TrainingCheckpoint checkpoint);
}
