package org.ebm4j.sampling.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerFactory;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.sampling.analytic.RingMixtureEnergy;
import org.ebm4j.sampling.diagnostics.Mmd;
import org.ebm4j.sampling.hmc.HmcFactory;
import org.ebm4j.sampling.init.GaussianInitializer;
import org.ebm4j.sampling.langevin.MalaFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * MALA and HMC on the 8-mode ring: the MMD² between the chains' final states and exact samples is below the
 * threshold mean + 5 sd of the MMD² between two exact samples of the same size (10 replicate pairs, the same
 * bandwidth). Chains start from the isotropic N(0, 2²I), which gives every mode's basin (a wedge of angle 2π/8)
 * probability 1/8, so the mixture weights are right even though chains rarely cross between modes.
 */
class RingMixtureMmdTest {

    private static final int N = 800;

    @ParameterizedTest
    @CsvSource({"mala, step-size, 0.02, 1", "hmc, step-size, 0.05, 10"})
    void finalStatesAreAsCloseToExactSamplesAsExactSamplesAreToEachOther(String sampler, String key, double value,
                                                                          int leapfrog) {
        var target = new RingMixtureEnergy(8, 2, 0.2);
        SamplerFactory factory = sampler.equals("mala") ? new MalaFactory() : new HmcFactory();
        Map<String, Object> config = sampler.equals("mala") ? Map.of(key, value)
                : Map.of(key, value, "leapfrog-steps", leapfrog);
        @SuppressWarnings("unchecked")
        var kernel = (SamplingKernel<SamplerState>) factory.create(target, ComponentConfig.of(sampler, config));
        RandomKey seed = RandomKey.of(31);
        var start = new GaussianInitializer(0, 2, DataType.DOUBLE).initialize(N, new long[] {2}, seed.fold("init"));
        double[][] chains = SamplingDriver.run(kernel, start, 120, seed.fold("run")).samples().toDoubleMatrix();

        double[][] reference = target.sampleExact(N, seed.fold("reference")).toDoubleMatrix();
        double bandwidth = Mmd.medianBandwidth(reference, target.sampleExact(N, seed.fold("bw")).toDoubleMatrix());
        int replicates = 10;
        double[] floor = new double[replicates];
        for (int r = 0; r < replicates; r++) {
            floor[r] = Mmd.squared(target.sampleExact(N, seed.fold("a" + r)).toDoubleMatrix(),
                    target.sampleExact(N, seed.fold("b" + r)).toDoubleMatrix(), bandwidth);
        }
        double mean = java.util.Arrays.stream(floor).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(floor).map(v -> (v - mean) * (v - mean)).sum()
                / (replicates - 1));
        double mmd = Mmd.squared(chains, reference, bandwidth);
        assertThat(mmd).as("%s MMD² to exact (exact-vs-exact %s ± %s)", sampler, mean, sd)
                .isLessThan(mean + 5 * sd);
    }
}
