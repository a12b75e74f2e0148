package org.ebm4j.sampling.hmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.sampling.analytic.CorrelatedGaussianEnergy;
import org.ebm4j.sampling.analytic.GaussianEnergy;
import org.ebm4j.sampling.contract.GaussianMomentCheck;
import org.ebm4j.sampling.diagnostics.AcceptanceSummary;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class HmcKernelTest {

    private final CorrelatedGaussianEnergy target = new CorrelatedGaussianEnergy(0.5, -1, 1, 1, 0.9);

    @SuppressWarnings("unchecked")
    private SamplingKernel<SamplerState> hmc(Map<String, ?> config) {
        return (SamplingKernel<SamplerState>) new HmcFactory().create(target, ComponentConfig.of("sampler 'hmc'",
                config));
    }

    @Test
    void adaptedHmcRecoversMeanAndCovarianceOfTheCorrelatedGaussian() {
        var kernel = hmc(Map.of("step-size", 0.5, "path-length", 1.5, "warmup", 100));
        AcceptanceSummary acceptance = GaussianMomentCheck.assertRecoversMoments(kernel, target, 500, 100, 150, 5,
                21);
        // On a Gaussian, HMC's acceptance falls off a cliff near the stability limit ε = 2σ_min ≈ 0.63, so 100
        // dual-averaging iterations oscillate across it and the averaged ε̄ lands on the flat side: the
        // acceptance ends above the target, never below it.
        assertThat(acceptance.mean()).isBetween(0.6, 0.99);
        assertThat(acceptance.meanStepSize()).isBetween(0.2, 0.63);
    }

    /**
     * Lε = 1 is half the period 2π·0.316 of the target's narrow direction: without jitter that direction keeps the
     * variance of the U(−3, 3) start (E[x₁²] comes out near 2 instead of 1.25); a 20% jitter restores mixing.
     */
    @Test
    void hmcWithFixedLeapfrogStepsAndJitterRecoversTheMoments() {
        GaussianMomentCheck.assertRecoversMoments(hmc(Map.of("step-size", 0.2, "leapfrog-steps", 5, "jitter", 0.2)),
                target, 500, 100, 150, 5, 22);
    }

    @Test
    void pathLengthSetsTheNumberOfLeapfrogSteps() {
        HmcKernel kernel = new HmcKernel(target, 0.1, 10, 1.0);
        assertThat(kernel.leapfrogStepsFor(0.1)).isEqualTo(10);
        assertThat(kernel.leapfrogStepsFor(0.3)).isEqualTo(4);
        assertThat(kernel.leapfrogStepsFor(5)).isEqualTo(1);
        assertThat(new HmcKernel(target, 0.1, 7, Double.NaN).leapfrogStepsFor(0.3)).isEqualTo(7);
    }

    @Test
    void divergentProposalsAreRejectedAndChainsStayPut() {
        // Step 50 on N(0, 0.01 I): the leapfrog explodes to Inf/NaN; every proposal must be rejected.
        var energy = new GaussianEnergy(2, 0, 0.1);
        HmcKernel kernel = new HmcKernel(energy, 50, 30, Double.NaN);
        var x0 = Nd4j.rand(DataType.DOUBLE, 50, 2);
        var result = SamplingDriver.run(kernel, x0.dup(), 3, RandomKey.of(1));
        assertThat(result.samples()).isEqualTo(x0);
        assertThat(result.infos().get(0).acceptanceRate()).isZero();
        assertThat(result.infos().get(0).gradientEvaluations()).isEqualTo(30);
    }

    @Test
    void badParametersAreRejectedByName() {
        assertThatThrownBy(() -> hmc(Map.of("step-size", -0.1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step-size");
        assertThatThrownBy(() -> hmc(Map.of("leapfrog-steps", 0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leapfrog-steps");
        assertThatThrownBy(() -> hmc(Map.of("path-length", 0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("path-length");
        assertThatThrownBy(() -> hmc(Map.of("jitter", 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jitter");
    }
}
