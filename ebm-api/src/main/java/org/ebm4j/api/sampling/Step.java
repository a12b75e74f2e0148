package org.ebm4j.api.sampling;

/**
 * The result of one kernel step.
 *
 * @param state the new state
 * @param info what the step did
 * @param <S> the kernel's state type
 */
public record Step<S extends SamplerState>(S state, StepInfo info) {
}
