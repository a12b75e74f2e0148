package org.ebm4j.bench.registry;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerFactory;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.sampling.Step;
import org.ebm4j.api.sampling.StepInfo;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A sampler as a third party would add it: one class and one binding line, announced in
 * {@code META-INF/services/com.google.inject.Module} (test resources). Nothing in ebm4j names it.
 */
public final class ThirdPartySamplerModule extends AbstractModule {

    /** Gradient descent without noise: enough to show it is found and runs. */
    static final class GreedyDescentFactory implements SamplerFactory {
        @Override
        public SamplingKernel<?> create(EnergyFunction energy, ComponentConfig config) {
            config.requireOnly(java.util.Set.of("step_size"));
            double stepSize = config.getPositive("step_size", 0.1);
            return new SamplingKernel<State>() {
                @Override
                public String name() {
                    return "greedy-descent";
                }

                @Override
                public EnergyFunction energy() {
                    return energy;
                }

                @Override
                public State init(INDArray position) {
                    // SamplingKernel.init's contract: wrong shapes and non-finite entries fail here.
                    energy.checkBatch("position", position);
                    return new State(org.ebm4j.api.config.Checks.finite("position", position), 0);
                }

                @Override
                public Step<State> step(RandomKey key, State state) {
                    INDArray g = energy.energyAndGradient(state.position()).gradient();
                    INDArray x = state.position().subi(g.muli(stepSize));
                    return new Step<>(new State(x, state.step() + 1),
                            StepInfo.of(state.step() + 1, stepSize, Double.NaN, Double.NaN, Double.NaN, 1));
                }
            };
        }

        @Override
        public String description() {
            return "noise-free gradient descent (test plug-in)";
        }
    }

    record State(INDArray position, long step) implements SamplerState {
    }

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, SamplerFactory.class)
                .addBinding("greedy-descent").to(GreedyDescentFactory.class);
    }
}
