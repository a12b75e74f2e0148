package org.ebm4j.api.sampling;

import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.random.RandomKey;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Markov transition kernel on a batch of independent chains, in the BlackJAX style: a pure pair
 * {@code init(position) -> state} and {@code step(key, state) -> (state, info)}. The energy and the hyper-parameters
 * are bound when the kernel is built ({@link SamplerFactory}); randomness comes in with each call.
 *
 * <p>Continuous (Langevin, MALA, HMC) and discrete (Gibbs) kernels share this interface, so a benchmark or a trainer
 * runs either. Each step is one batched tensor computation over all chains, never a per-chain Java loop.
 *
 * @param <S> the kernel's immutable state type
 */
public interface SamplingKernel<S extends SamplerState> {

    /** @return the registered name of this kernel's algorithm (for reports). */
    String name();

    /** @return the energy whose Gibbs distribution p(x) ∝ exp(−E(x)) this kernel targets. */
    EnergyFunction energy();

    /**
     * @param position initial positions, shape {@code [n, ...sampleShape]}; the kernel takes ownership
     * @throws IllegalArgumentException for a wrong shape or non-finite entries
     */
    S init(INDArray position);

    /**
     * Advances every chain by one step.
     *
     * @param key randomness for this step (the driver passes a fresh sub-key per step)
     * @param state the current state; its buffers may be reused by the returned state
     */
    Step<S> step(RandomKey key, S state);
}
