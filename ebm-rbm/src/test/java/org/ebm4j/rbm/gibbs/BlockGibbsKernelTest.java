package org.ebm4j.rbm.gibbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.util.Types;
import java.util.Map;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFactory;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerFactory;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.sampling.SamplingResult;
import org.ebm4j.rbm.RbmModule;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.partition.ExactPartition;
import org.ebm4j.rbm.testing.RbmFixtures;
import org.ebm4j.testing.QuadraticEnergy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BlockGibbsKernelTest {

    @Test
    void reproducesExactMarginalsWithinFiveStandardErrors() {
        BernoulliRbm rbm = RbmFixtures.randomRbm(8, 5, 1.0, 0.5, 21);
        int chains = 4000;
        SamplingResult<GibbsState> run = SamplingDriver.run(new BlockGibbsKernel(rbm),
                Nd4j.zeros(DataType.DOUBLE, chains, 8), 100, RandomKey.of(5));
        INDArray empirical = run.samples().mean(0);
        INDArray exact = ExactPartition.visibleMarginals(rbm);
        for (int i = 0; i < 8; i++) {
            double p = exact.getDouble(i);
            double se = Math.sqrt(p * (1 - p) / chains);
            assertThat(Math.abs(empirical.getDouble(i) - p)).as("unit %d: exact %s", i, p).isLessThan(5 * se);
        }
        assertThat(run.meanAcceptanceRate()).isEqualTo(1.0);
        assertThat(run.gradientEvaluations()).isEqualTo(200);
    }

    @Test
    void sameKeySameChainsAndShapesKept() {
        BernoulliRbm rbm = RbmFixtures.randomRbm(6, 4, 1.0, 0.5, 2);
        BlockGibbsKernel kernel = new BlockGibbsKernel(rbm);
        INDArray a = SamplingDriver.run(kernel, Nd4j.zeros(DataType.DOUBLE, 10, 6), 5, RandomKey.of(1)).samples();
        INDArray b = SamplingDriver.run(kernel, Nd4j.zeros(DataType.DOUBLE, 10, 6), 5, RandomKey.of(1)).samples();
        assertThat(a).isEqualTo(b);
        assertThat(a.shape()).containsExactly(10, 6);
        GibbsState after = SamplingDriver.run(kernel, Nd4j.zeros(DataType.DOUBLE, 10, 6), 1, RandomKey.of(1))
                .finalState();
        assertThat(after.hidden().shape()).containsExactly(10, 4);
    }

    @Test
    void registeredByNameAndBuildsFromTheRegisteredEnergy() {
        var injector = Guice.createInjector(new RbmModule());
        @SuppressWarnings("unchecked")
        Map<String, SamplerFactory> samplers = (Map<String, SamplerFactory>) injector.getInstance(
                Key.get(Types.mapOf(String.class, SamplerFactory.class)));
        @SuppressWarnings("unchecked")
        Map<String, EnergyFactory> energies = (Map<String, EnergyFactory>) injector.getInstance(
                Key.get(Types.mapOf(String.class, EnergyFactory.class)));
        var energy = energies.get("bernoulli-rbm").create(ComponentConfig.of("energy 'bernoulli-rbm'",
                Map.of("visible", 6, "hidden", 3)));
        SamplingKernel<?> kernel = samplers.get("gibbs-rbm").create(energy, ComponentConfig.empty("sampler"));
        assertThat(kernel.name()).isEqualTo("gibbs-rbm");
        assertThat(samplers).containsKeys("gibbs-rbm", "parallel-tempering-rbm", "sequential-gibbs-bm");
        assertThat(energies).containsKeys("bernoulli-rbm", "gaussian-bernoulli-rbm", "boltzmann-machine");
        for (String name : new String[] {"parallel-tempering-rbm"}) {
            assertThat(SamplingDriver.run(samplers.get(name).create(energy, ComponentConfig.empty(name)),
                    Nd4j.zeros(DataType.FLOAT, 3, 6), 2, RandomKey.of(0)).samples().shape()).containsExactly(3, 6);
        }
        var bm = energies.get("boltzmann-machine").create(ComponentConfig.of("bm", Map.of("visible", 4, "hidden", 2)));
        assertThat(SamplingDriver.run(samplers.get("sequential-gibbs-bm").create(bm, ComponentConfig.empty("s")),
                Nd4j.zeros(DataType.FLOAT, 3, 6), 2, RandomKey.of(0)).samples().shape()).containsExactly(3, 6);
        var gb = energies.get("gaussian-bernoulli-rbm").create(ComponentConfig.of("gb",
                Map.of("visible", 6, "hidden", 3, "learn_variance", true)));
        assertThat(SamplingDriver.run(samplers.get("gibbs-rbm").create(gb, ComponentConfig.empty("s")),
                Nd4j.zeros(DataType.FLOAT, 3, 6), 2, RandomKey.of(0)).samples().shape()).containsExactly(3, 6);
        assertThat(SamplingDriver.run(kernel, Nd4j.zeros(DataType.FLOAT, 3, 6), 2, RandomKey.of(0)).samples()
                .shape()).containsExactly(3, 6);
        assertThatThrownBy(() -> samplers.get("gibbs-rbm").create(new QuadraticEnergy(2),
                ComponentConfig.empty("sampler 'gibbs-rbm'")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RestrictedBoltzmannMachine");
        assertThatThrownBy(() -> samplers.get("gibbs-rbm").create(energy,
                ComponentConfig.of("sampler 'gibbs-rbm'", Map.of("steps", 3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("steps");
    }

    @Test
    void rejectsWrongShapes() {
        BlockGibbsKernel kernel = new BlockGibbsKernel(RbmFixtures.randomRbm(6, 4, 1.0, 0.5, 2));
        assertThatThrownBy(() -> kernel.init(Nd4j.zeros(DataType.DOUBLE, 3, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("position has shape [3, 5]");
    }
}
