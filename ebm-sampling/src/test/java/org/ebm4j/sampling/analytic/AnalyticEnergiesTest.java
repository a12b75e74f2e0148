package org.ebm4j.sampling.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.energy.EnergyGradient;
import org.ebm4j.api.energy.ExactSampler;
import org.ebm4j.api.energy.Normalized;
import org.ebm4j.api.random.RandomKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AnalyticEnergiesTest {

    static Stream<PlanarEnergy> planar() {
        return Stream.of(new CorrelatedGaussianEnergy(0.3, -0.2, 1.0, 0.5, 0.8), new RingMixtureEnergy(8, 2, 0.2),
                new RingEnergy(2, 0.2), new BananaEnergy(1, 0.5, 0.5), new CheckerboardEnergy(0.1));
    }

    static Stream<EnergyFunction> all() {
        return Stream.concat(planar(), Stream.of(new GaussianEnergy(3, 0.5, 0.7)));
    }

    @ParameterizedTest
    @MethodSource("all")
    void gradientMatchesCentralFiniteDifferences(EnergyFunction energy) {
        int d = (int) energy.dimension();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 50, d).muli(5).subi(2.5);
        EnergyGradient eg = energy.energyAndGradient(x);
        assertThat(eg.energy().sub(energy.energy(x)).amaxNumber().doubleValue()).isLessThan(1e-12);
        double h = 1e-5;
        for (int k = 0; k < d; k++) {
            INDArray plus = x.dup();
            INDArray minus = x.dup();
            plus.getColumn(k).addi(h);
            minus.getColumn(k).subi(h);
            INDArray numeric = energy.energy(plus).sub(energy.energy(minus)).divi(2 * h);
            INDArray analytic = eg.gradient().getColumn(k);
            double scale = Math.max(1, analytic.amaxNumber().doubleValue());
            assertThat(numeric.sub(analytic).amaxNumber().doubleValue() / scale).as("coordinate %d", k)
                    .isLessThan(1e-4);
        }
    }

    /** ∫ exp(−E) over a fine grid (midpoint rule) against the stated log Z. */
    @ParameterizedTest
    @MethodSource("planar")
    void logPartitionMatchesNumericalIntegration(PlanarEnergy energy) {
        int m = 640;
        double lo = -8;
        double hi = 8;
        double step = (hi - lo) / m;
        double[][] grid = new double[m * m][2];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                grid[i * m + j][0] = lo + (i + 0.5) * step;
                grid[i * m + j][1] = lo + (j + 0.5) * step;
            }
        }
        double z = 0;
        double[] e = energy.energy(Nd4j.createFromArray(grid)).toDoubleVector();
        for (double v : e) {
            z += Math.exp(-v) * step * step;
        }
        assertThat(Math.log(z)).isCloseTo(((Normalized) energy).logPartition(), within(2e-3));
    }

    /**
     * Exact samples follow exp(−E − log Z): their mean energy and mean position match the density-weighted means
     * computed on a grid, within 5 standard errors.
     */
    @ParameterizedTest
    @MethodSource("planar")
    void exactSamplesHaveTheDensitysMeanEnergyAndMeanPosition(PlanarEnergy energy) {
        int m = 640;
        double lo = -8;
        double step = 16.0 / m;
        double[][] grid = new double[m * m][2];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                grid[i * m + j][0] = lo + (i + 0.5) * step;
                grid[i * m + j][1] = lo + (j + 0.5) * step;
            }
        }
        double[] e = energy.energy(Nd4j.createFromArray(grid)).toDoubleVector();
        double logZ = ((Normalized) energy).logPartition();
        double meanE = 0;
        double meanX = 0;
        double meanY = 0;
        for (int k = 0; k < e.length; k++) {
            if (!Double.isFinite(e[k])) {
                continue; // beyond where the density underflows: no mass
            }
            double p = Math.exp(-e[k] - logZ) * step * step;
            meanE += p * e[k];
            meanX += p * grid[k][0];
            meanY += p * grid[k][1];
        }
        int n = 20000;
        INDArray samples = ((ExactSampler) energy).sampleExact(n, RandomKey.of(3));
        assertThat(samples.shape()).containsExactly(n, 2);
        INDArray es = energy.energy(samples);
        double se = es.stdNumber().doubleValue() / Math.sqrt(n);
        assertThat(es.meanNumber().doubleValue()).isCloseTo(meanE, within(5 * se + 1e-3));
        double[] sampleMean = samples.mean(0).toDoubleVector();
        double[] sampleStd = samples.std(0).toDoubleVector();
        assertThat(sampleMean[0]).isCloseTo(meanX, within(5 * sampleStd[0] / Math.sqrt(n) + 1e-3));
        assertThat(sampleMean[1]).isCloseTo(meanY, within(5 * sampleStd[1] / Math.sqrt(n) + 1e-3));
    }

    @Test
    void correlatedGaussianExactSamplesHaveTheStatedCovariance() {
        var energy = new CorrelatedGaussianEnergy(0, 0, 1, 2, -0.6);
        INDArray s = energy.sampleExact(40000, RandomKey.of(5));
        double cov = s.getColumn(0).mul(s.getColumn(1)).meanNumber().doubleValue();
        assertThat(cov).isCloseTo(energy.covariance()[0][1], within(0.06));
        assertThat(energy.logPartition()).isCloseTo(Math.log(2 * Math.PI * 2 * 0.8), within(1e-12));
    }

    @Test
    void gaussianWorksInFloatAndHighDimension() {
        var energy = new GaussianEnergy(784, 0, 1);
        INDArray x = Nd4j.ones(DataType.FLOAT, 4, 784);
        EnergyGradient eg = energy.energyAndGradient(x);
        assertThat(eg.energy().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(eg.energy().getDouble(0)).isCloseTo(392, within(1e-3));
        assertThat(energy.logPartition()).isCloseTo(392 * Math.log(2 * Math.PI), within(1e-9));
        INDArray s = energy.sampleExact(100, RandomKey.of(1));
        assertThat(s.shape()).containsExactly(100, 784);
    }

    @Test
    void erfcApproximationIsAccurate() {
        assertThat(CheckerboardEnergy.erfc(0)).isCloseTo(1, within(1e-7));
        assertThat(CheckerboardEnergy.erfc(1)).isCloseTo(0.157299207050285, within(1e-7 * 0.16));
        assertThat(CheckerboardEnergy.erfc(5) / 1.5374597944280349e-12).isCloseTo(1, within(2e-7));
        assertThat(CheckerboardEnergy.erfc(-1)).isCloseTo(1.842700792949715, within(1e-7));
    }

    @Test
    void checkerboardStaysFiniteFarFromTheBoard() {
        var energy = new CheckerboardEnergy(0.1);
        INDArray far = Nd4j.createFromArray(new double[][] {{30, -40}, {0, 12}, {-1.5, 0.5}, {1e3, 1e3}});
        EnergyGradient eg = energy.energyAndGradient(far);
        assertThat(eg.energy().isInfinite().any() || eg.energy().isNaN().any()).isFalse();
        assertThat(eg.gradient().isInfinite().any() || eg.gradient().isNaN().any()).isFalse();
        // Far out E grows like d²/(2β²): the gradient points back toward the board.
        assertThat(eg.gradient().getDouble(0, 0)).isPositive();
        assertThat(eg.gradient().getDouble(0, 1)).isNegative();
        assertThat(eg.gradient().getDouble(1, 1)).isCloseTo((12 - 2) / 0.01, within(20.0));
    }

    @Test
    void planarEnergiesAcceptFloatInputAndReturnFloat() {
        INDArray x = Nd4j.createFromArray(new float[][] {{0.1f, 2f}, {-1f, 0.5f}});
        INDArray e = Nd4j.create(DataType.FLOAT, 2);
        INDArray g = Nd4j.create(DataType.FLOAT, 2, 2);
        new RingMixtureEnergy(8, 2, 0.2).energyAndGradient(x, e, g);
        EnergyGradient ref = new RingMixtureEnergy(8, 2, 0.2).energyAndGradient(x.castTo(DataType.DOUBLE));
        assertThat(e.castTo(DataType.DOUBLE).equalsWithEps(ref.energy(), 1e-3)).isTrue();
        assertThat(g.castTo(DataType.DOUBLE).equalsWithEps(ref.gradient(), 1e-2)).isTrue();
    }
}
