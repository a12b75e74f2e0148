package org.ebm4j.rbm.gibbs;

import java.util.List;
import org.ebm4j.api.sampling.SamplerState;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Chains of parallel tempering: one replica per inverse temperature, each a batch of chains.
 *
 * @param replicas visible states per temperature, element r has shape {@code [n, V]}; element 0 is β = 1
 * @param step steps taken since init
 */
public record TemperedState(List<INDArray> replicas, long step) implements SamplerState {

    public TemperedState {
        replicas = List.copyOf(replicas);
    }

    /** @return the β = 1 chains, shape {@code [n, V]}. */
    @Override
    public INDArray position() {
        return replicas.get(0);
    }
}
