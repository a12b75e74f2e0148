package org.ebm4j.rbm.gibbs;

import org.ebm4j.api.sampling.SamplerState;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Chains of a block Gibbs sampler.
 *
 * @param position the visible states, shape {@code [n, V]}
 * @param hidden the hidden states drawn in the last step, shape {@code [n, H]} (null right after init)
 * @param step steps taken since init
 */
public record GibbsState(INDArray position, INDArray hidden, long step) implements SamplerState {
}
