package org.ebm4j.sampling.adaptation;

import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.sampling.Step;

/**
 * A kernel whose step size can be chosen per step, so that a wrapper can tune it without subclassing. Its
 * {@link #step(RandomKey, SamplerState)} uses the configured {@link #stepSize()}.
 *
 * @param <S> the state type
 */
public interface StepSizeKernel<S extends SamplerState> extends SamplingKernel<S> {

    /** @return the configured step size. */
    double stepSize();

    /**
     * One step with step size {@code stepSize} instead of the configured one.
     *
     * @param stepSize {@code > 0}
     */
    Step<S> step(RandomKey key, S state, double stepSize);

    @Override
    default Step<S> step(RandomKey key, S state) {
        return step(key, state, stepSize());
    }
}
