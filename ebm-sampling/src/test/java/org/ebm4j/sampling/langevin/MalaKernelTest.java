package org.ebm4j.sampling.langevin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.sampling.adaptation.DualAveragingKernel;
import org.ebm4j.sampling.analytic.CorrelatedGaussianEnergy;
import org.ebm4j.sampling.contract.GaussianMomentCheck;
import org.ebm4j.sampling.diagnostics.AcceptanceSummary;
import org.junit.jupiter.api.Test;

class MalaKernelTest {

    private final CorrelatedGaussianEnergy target = new CorrelatedGaussianEnergy(0.5, -1, 1, 1, 0.9);

    @SuppressWarnings("unchecked")
    private SamplingKernel<SamplerState> mala(Map<String, ?> config) {
        return (SamplingKernel<SamplerState>) new MalaFactory().create(target, ComponentConfig.of("sampler 'mala'",
                config));
    }

    @Test
    void adaptedMalaRecoversMeanAndCovarianceOfTheCorrelatedGaussian() {
        var kernel = mala(Map.of("step-size", 0.5, "warmup", 150));
        assertThat(kernel).isInstanceOf(DualAveragingKernel.class);
        AcceptanceSummary acceptance = GaussianMomentCheck.assertRecoversMoments(kernel, target, 600, 150, 250, 5,
                11);
        // Dual averaging toward 0.574 during warm-up; afterwards the averaged step size is fixed.
        assertThat(acceptance.mean()).isCloseTo(0.574, within(0.06));
        // Per-step acceptance of 600 chains has sd ≈ 0.02; over 250 steps the range stays below ~0.15.
        assertThat(acceptance.max() - acceptance.min()).isLessThan(0.2);
    }

    @Test
    void malaWithAFixedStepIsExactToo() {
        GaussianMomentCheck.assertRecoversMoments(mala(Map.of("step-size", 0.05)), target, 600, 150, 250, 5, 12);
    }

    @Test
    void nonPositiveStepSizeIsRejectedByName() {
        assertThatThrownBy(() -> mala(Map.of("step-size", 0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step-size").hasMessageContaining("0.0");
        assertThatThrownBy(() -> mala(Map.of("target-accept", 1.2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target-accept");
        assertThatThrownBy(() -> mala(Map.of("warmup", -1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warmup");
    }
}
