package org.ebm4j.rbm.boltzmann;

import java.util.Map;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.sampling.Step;
import org.ebm4j.api.sampling.StepInfo;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Sequential single-site Gibbs sampling of a {@link BoltzmannMachine}'s joint state x = [v, h]: one step is a sweep
 * over the units in order, each x_i ~ Bernoulli(σ((M x)_i + a_i)) given the current values of all others (the
 * units are coupled within layers, so no block update is exact). Chains are vectorised: unit i is updated in all
 * chains at once. A sweep costs one conditional per unit, reported as {@code V + H} evaluations.
 */
public final class SequentialGibbsKernel implements SamplingKernel<SequentialGibbsKernel.State> {

    public static final String NAME = "sequential-gibbs-bm";

    /**
     * @param position the joint states [v, h], shape {@code [n, V+H]}
     * @param step sweeps since init
     */
    public record State(INDArray position, long step) implements SamplerState {
    }

    private final BoltzmannMachine model;

    public SequentialGibbsKernel(BoltzmannMachine model) {
        this.model = model;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EnergyFunction energy() {
        return model;
    }

    @Override
    public State init(INDArray position) {
        model.checkBatch("position", position);
        Checks.finite("position", position);
        return new State(position, 0);
    }

    @Override
    public Step<State> step(RandomKey key, State state) {
        INDArray x = state.position().dup();
        INDArray m = model.couplings().castTo(x.dataType());
        INDArray a = model.biases().castTo(x.dataType());
        int units = (int) x.size(1);
        INDArray u = Nd4j.createUninitialized(x.dataType(), x.shape());
        try (Random rng = key.nd4jRandom()) {
            Nd4j.getExecutioner().exec(new UniformDistribution(u, 0, 1), rng);
        } catch (Exception e) {
            throw new IllegalStateException("closing the native random generator failed", e);
        }
        for (int i = 0; i < units; i++) {
            // M has a zero diagonal, so x_i's own value does not enter its field
            INDArray field = Nd4j.gemm(x, m.getColumn(i).reshape(units, 1), false, false).addi(a.getDouble(i));
            INDArray p = Transforms.sigmoid(field, false);
            INDArray draw = Transforms.step(p.subi(u.get(NDArrayIndex.all(), NDArrayIndex.point(i)).reshape(-1, 1)),
                    false);
            x.get(NDArrayIndex.all(), NDArrayIndex.point(i)).assign(draw.reshape(-1));
        }
        long t = state.step() + 1;
        return new Step<>(new State(x, t), new StepInfo(t, Double.NaN, 1.0, Double.NaN, Double.NaN, units, Map.of()));
    }
}
