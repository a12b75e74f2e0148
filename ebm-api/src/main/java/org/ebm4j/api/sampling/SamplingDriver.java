package org.ebm4j.api.sampling;

import java.util.ArrayList;
import java.util.List;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.random.RandomKey;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a kernel for a number of steps: step {@code t} (1-based) receives {@code key.fold(t)}, so a run is reproduced
 * by its key, and a run that is split in two (for example around a checkpoint) gives the same chain when the second
 * part continues with {@link #run(SamplingKernel, SamplerState, int, RandomKey, boolean, StepListener)} from the saved
 * state.
 */
public final class SamplingDriver {

    private SamplingDriver() {
    }

    /** Called after every step; may stop the run early by returning false. */
    @FunctionalInterface
    public interface StepListener {
        /** @return true to go on. */
        boolean onStep(SamplerState state, StepInfo info);
    }

    /** Runs {@code steps} steps from {@code initialPosition} without recording the trajectory. */
    public static <S extends SamplerState> SamplingResult<S> run(SamplingKernel<S> kernel, INDArray initialPosition,
                                                                 int steps, RandomKey key) {
        return run(kernel, kernel.init(initialPosition), steps, key, false, null);
    }

    /**
     * Runs {@code steps} more steps from {@code state}.
     *
     * @param keepTrajectory record a copy of the positions after every step (the seed's {@code return_img_per_step})
     * @param listener called after every step, or null
     */
    public static <S extends SamplerState> SamplingResult<S> run(SamplingKernel<S> kernel, S state, int steps,
                                                                 RandomKey key, boolean keepTrajectory,
                                                                 StepListener listener) {
        Checks.nonNegative("steps", steps);
        List<INDArray> trajectory = new ArrayList<>(keepTrajectory ? steps : 0);
        List<StepInfo> infos = new ArrayList<>(steps);
        S current = state;
        for (int i = 0; i < steps; i++) {
            Step<S> step = kernel.step(key.fold(current.step() + 1), current);
            current = step.state();
            infos.add(step.info());
            if (keepTrajectory) {
                trajectory.add(current.position().dup());
            }
            if (listener != null && !listener.onStep(current, step.info())) {
                break;
            }
        }
        return new SamplingResult<>(current, List.copyOf(trajectory), List.copyOf(infos));
    }
}
