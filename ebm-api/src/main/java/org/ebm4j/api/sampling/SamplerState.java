package org.ebm4j.api.sampling;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The state of a batch of independent chains after some number of steps. Kernels define their own immutable
 * {@code record}s implementing this (MALA keeps the current energy and gradient, HMC nothing more, adaptive kernels
 * their adaptation state).
 *
 * <p>Buffer ownership: {@link SamplingKernel#step} may reuse the arrays of the state it is given (as JAX "donates"
 * buffers), so a caller that wants to keep an intermediate position copies it with {@code position().dup()}.
 * {@link SamplingDriver} does this when it records a trajectory.
 */
public interface SamplerState {

    /** @return the chains' positions, shape {@code [n, ...sampleShape]}. */
    INDArray position();

    /** @return the number of steps taken since {@link SamplingKernel#init}. */
    long step();
}
