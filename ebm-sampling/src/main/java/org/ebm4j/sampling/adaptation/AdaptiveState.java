package org.ebm4j.sampling.adaptation;

import org.ebm4j.api.sampling.SamplerState;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * State of a {@link DualAveragingKernel}: the wrapped kernel's state and the adaptation.
 *
 * @param inner the wrapped kernel's state
 * @param adaptation the dual-averaging state
 * @param <S> the wrapped state type
 */
public record AdaptiveState<S extends SamplerState>(S inner, DualAveraging adaptation) implements SamplerState {

    @Override
    public INDArray position() {
        return inner.position();
    }

    @Override
    public long step() {
        return inner.step();
    }
}
