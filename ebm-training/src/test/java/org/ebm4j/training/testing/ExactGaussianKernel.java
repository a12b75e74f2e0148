package org.ebm4j.training.testing;

import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.sampling.Step;
import org.ebm4j.api.sampling.StepInfo;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Test fixture: a "kernel" that draws exact samples from the current {@link DiagonalGaussianEnergy}, whatever the
 * start. With it, contrastive divergence is exact maximum likelihood.
 */
public final class ExactGaussianKernel implements SamplingKernel<ExactGaussianKernel.State> {

    private final DiagonalGaussianEnergy model;

    public ExactGaussianKernel(DiagonalGaussianEnergy model) {
        this.model = model;
    }

    /** @param position the current samples */
    public record State(INDArray position, long step) implements SamplerState {
    }

    @Override
    public String name() {
        return "exact-gaussian";
    }

    @Override
    public EnergyFunction energy() {
        return model;
    }

    @Override
    public State init(INDArray position) {
        return new State(model.checkBatch("position", position), 0);
    }

    @Override
    public Step<State> step(RandomKey key, State state) {
        INDArray x = Nd4j.createUninitialized(state.position().dataType(), state.position().shape());
        try (Random rng = key.nd4jRandom()) {
            Nd4j.getExecutioner().exec(new GaussianDistribution(x, 0, 1), rng);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        x.muliRowVector(model.std()).addiRowVector(model.mean());
        return new Step<>(new State(x, state.step() + 1),
                StepInfo.of(state.step() + 1, Double.NaN, 1.0, Double.NaN, Double.NaN, 0));
    }
}
