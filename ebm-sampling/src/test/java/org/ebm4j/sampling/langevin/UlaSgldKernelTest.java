package org.ebm4j.sampling.langevin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.energy.EnergyGradient;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.sampling.analytic.GaussianEnergy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class UlaSgldKernelTest {

    /**
     * On E = ‖x‖²/2, ULA is the AR(1) x ← (1 − ε)x + √(2ε)ξ, whose stationary variance is 1/(1 − ε/2): the bias
     * ε/(2 − ε) shrinks linearly with ε. 20,000 independent coordinates give a standard error of ≈ 0.011 on the
     * variance.
     */
    @Test
    void ulaBiasMatchesTheClosedFormAndShrinksWithTheStepSize() {
        var target = new GaussianEnergy(4, 0, 1);
        double previousBias = Double.POSITIVE_INFINITY;
        for (double eps : new double[] {0.4, 0.2, 0.1}) {
            var kernel = new UlaKernel(target, eps, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            INDArray start = target.sampleExact(5000, RandomKey.of(1));
            INDArray x = SamplingDriver.run(kernel, start, 150, RandomKey.of(2)).samples();
            double variance = x.mul(x).meanNumber().doubleValue();
            double expected = 1 / (1 - eps / 2);
            double se = expected * Math.sqrt(2.0 / x.length());
            assertThat(variance).as("variance at eps = %s", eps).isCloseTo(expected, within(4 * se));
            double bias = variance - 1;
            assertThat(bias).isLessThan(previousBias);
            previousBias = bias;
        }
    }

    @Test
    void ulaClampKeepsChainsInTheBox() {
        var kernel = new UlaFactory().create(new GaussianEnergy(2, 3, 1),
                ComponentConfig.of("ula", Map.of("step-size", 0.1, "clamp-min", -1, "clamp-max", 1)));
        @SuppressWarnings({"unchecked", "rawtypes"})
        INDArray x = SamplingDriver.run((org.ebm4j.api.sampling.SamplingKernel) kernel,
                Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 100, 2), 50, RandomKey.of(3)).samples();
        assertThat(x.maxNumber().doubleValue()).isLessThanOrEqualTo(1);
        assertThat(x.minNumber().doubleValue()).isGreaterThanOrEqualTo(-1);
    }

    @Test
    void sgldFollowsItsScheduleAndReportsIt() {
        var kernel = new SgldKernel(new GaussianEnergy(2, 0, 1), 0.1, 2, 0.5, Double.NaN,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        var result = SamplingDriver.run(kernel, Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 10, 2), 3,
                RandomKey.of(1));
        for (int t = 0; t < 3; t++) {
            double eps = 0.1 * Math.pow(2 + t, -0.5);
            assertThat(result.infos().get(t).stepSize()).isCloseTo(eps, within(1e-15));
            assertThat(result.infos().get(t).extras().get("noise_std")).isCloseTo(Math.sqrt(2 * eps), within(1e-15));
        }
        var decoupled = new SgldKernel(new GaussianEnergy(2, 0, 1), 0.1, 1, 0.55, 0.005,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        var info = SamplingDriver.run(decoupled, Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 10, 2), 1,
                RandomKey.of(1)).infos().get(0);
        assertThat(info.extras().get("noise_std")).isEqualTo(0.005);
    }

    /** A Gaussian N(m, I) whose gradient carries independent N(0, 1) noise, like a mini-batch estimate. */
    static final class NoisyGaussian implements EnergyFunction {
        private final GaussianEnergy exact = new GaussianEnergy(2, 1.5, 1);
        private final SplittableRandom random = new SplittableRandom(99);

        @Override
        public long[] sampleShape() {
            return exact.sampleShape();
        }

        @Override
        public INDArray energy(INDArray x) {
            return exact.energy(x);
        }

        @Override
        public EnergyGradient energyAndGradient(INDArray x) {
            EnergyGradient eg = exact.energyAndGradient(x);
            double[] noise = random.doubles(x.length()).map(u -> Math.sqrt(-2 * Math.log(1 - u))
                    * Math.cos(2 * Math.PI * random.nextDouble())).toArray();
            return new EnergyGradient(eg.energy(), eg.gradient().addi(Nd4j.createFromArray(noise).reshape(x.shape())));
        }
    }

    @Test
    void sgldWithNoisyGradientsFindsTheTargetMean() {
        var kernel = new SgldFactory().create(new NoisyGaussian(), ComponentConfig.of("sgld",
                Map.of("step-size", 0.2, "offset", 10, "decay", 0.55)));
        @SuppressWarnings({"unchecked", "rawtypes"})
        INDArray x = SamplingDriver.run((org.ebm4j.api.sampling.SamplingKernel) kernel,
                Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 2000, 2), 300, RandomKey.of(4)).samples();
        // Mean 1.5 per coordinate; 4000 values with variance ≈ 1 give a standard error ≈ 0.016.
        assertThat(x.meanNumber().doubleValue()).isCloseTo(1.5, within(0.08));
    }

    @Test
    void badParametersAreRejected() {
        var energy = new GaussianEnergy(2, 0, 1);
        assertThatThrownBy(() -> new UlaFactory().create(energy, ComponentConfig.of("ula", Map.of("step-size", 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step-size");
        assertThatThrownBy(() -> new UlaFactory().create(energy, ComponentConfig.of("ula",
                Map.of("clamp-min", 1, "clamp-max", 0)))).hasMessageContaining("clamp-min");
        assertThatThrownBy(() -> new SgldFactory().create(energy, ComponentConfig.of("sgld", Map.of("decay", -1))))
                .hasMessageContaining("decay");
    }
}
