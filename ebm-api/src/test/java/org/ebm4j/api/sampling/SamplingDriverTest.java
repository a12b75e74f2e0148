package org.ebm4j.api.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.testing.QuadraticEnergy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

class SamplingDriverTest {

    record State(INDArray position, long step) implements SamplerState {
    }

    /** x ← x/2 + N(0, 1): in-place, so the driver's copying of trajectories is exercised. */
    static final class HalvingKernel implements SamplingKernel<State> {
        private final EnergyFunction energy = new QuadraticEnergy(3);

        @Override
        public String name() {
            return "halving";
        }

        @Override
        public EnergyFunction energy() {
            return energy;
        }

        @Override
        public State init(INDArray position) {
            return new State(energy.checkBatch("position", position), 0);
        }

        @Override
        public Step<State> step(RandomKey key, State state) {
            INDArray noise = Nd4j.createUninitialized(state.position().dataType(), state.position().shape());
            try (Random rng = key.nd4jRandom()) {
                Nd4j.getExecutioner().exec(new GaussianDistribution(noise, 0, 1), rng);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            INDArray x = state.position().muli(0.5).addi(noise);
            return new Step<>(new State(x, state.step() + 1),
                    StepInfo.of(state.step() + 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0));
        }
    }

    @Test
    void recordsIndependentCopiesOfEveryStep() {
        HalvingKernel kernel = new HalvingKernel();
        SamplingResult<State> r = SamplingDriver.run(kernel, kernel.init(Nd4j.ones(4, 3)), 5, RandomKey.of(9), true, null);
        assertThat(r.trajectory()).hasSize(5);
        assertThat(r.infos()).extracting(StepInfo::step).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(r.trajectory().get(4)).isEqualTo(r.samples());
        assertThat(r.trajectory().get(3)).isNotEqualTo(r.trajectory().get(4));
    }

    @Test
    void sameKeyReproducesAndSplitRunsMatchOneRun() {
        HalvingKernel kernel = new HalvingKernel();
        RandomKey key = RandomKey.of(123);
        INDArray whole = SamplingDriver.run(kernel, Nd4j.ones(4, 3), 10, key).samples();
        INDArray again = SamplingDriver.run(kernel, Nd4j.ones(4, 3), 10, key).samples();
        assertThat(again).isEqualTo(whole);

        SamplingResult<State> first = SamplingDriver.run(kernel, Nd4j.ones(4, 3), 4, key);
        SamplingResult<State> rest = SamplingDriver.run(kernel, first.finalState(), 6, key, false, null);
        assertThat(rest.samples()).isEqualTo(whole);
    }

    @Test
    void listenerCanStopEarly() {
        HalvingKernel kernel = new HalvingKernel();
        SamplingResult<State> r = SamplingDriver.run(kernel, kernel.init(Nd4j.ones(2, 3)), 100, RandomKey.of(1), false,
                (state, info) -> info.step() < 3);
        assertThat(r.infos()).hasSize(3);
    }
}
