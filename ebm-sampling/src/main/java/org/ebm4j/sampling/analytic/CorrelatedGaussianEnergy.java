package org.ebm4j.sampling.analytic;

import java.util.Set;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFactory;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.energy.ExactSampler;
import org.ebm4j.api.energy.Normalized;
import org.ebm4j.api.random.RandomKey;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-D Gaussian with means (m₁, m₂), standard deviations (σ₁, σ₂) and correlation ρ: E(x) = ½ (x − m)ᵀ Σ⁻¹ (x − m),
 * log Z = log(2π σ₁ σ₂ √(1 − ρ²)). Exact samples by the Cholesky factor of Σ. A narrow ridge for ρ near ±1, the
 * standard test of how a sampler copes with correlation.
 */
public final class CorrelatedGaussianEnergy extends PlanarEnergy implements Normalized, ExactSampler {

    private final double mean1;
    private final double mean2;
    private final double std1;
    private final double std2;
    private final double rho;
    private final double p11;
    private final double p12;
    private final double p22;

    public CorrelatedGaussianEnergy(double mean1, double mean2, double std1, double std2, double rho) {
        this.mean1 = Checks.finite("correlated-gaussian: mean-x", mean1);
        this.mean2 = Checks.finite("correlated-gaussian: mean-y", mean2);
        this.std1 = Checks.positive("correlated-gaussian: std-x", std1);
        this.std2 = Checks.positive("correlated-gaussian: std-y", std2);
        if (!(rho > -1 && rho < 1)) {
            throw new IllegalArgumentException("correlated-gaussian: correlation = " + rho
                    + "; expected a number in (-1, 1)");
        }
        this.rho = rho;
        double det = (1 - rho * rho) * std1 * std1 * std2 * std2;
        this.p11 = std2 * std2 / det;
        this.p22 = std1 * std1 / det;
        this.p12 = -rho * std1 * std2 / det;
    }

    /** @return the exact mean (m₁, m₂). */
    public double[] mean() {
        return new double[] {mean1, mean2};
    }

    /** @return the exact covariance Σ. */
    public double[][] covariance() {
        double c = rho * std1 * std2;
        return new double[][] {{std1 * std1, c}, {c, std2 * std2}};
    }

    @Override
    protected double energyAt(double x, double y, double[] gradient) {
        double d1 = x - mean1;
        double d2 = y - mean2;
        double g1 = p11 * d1 + p12 * d2;
        double g2 = p12 * d1 + p22 * d2;
        if (gradient != null) {
            gradient[0] = g1;
            gradient[1] = g2;
        }
        return 0.5 * (d1 * g1 + d2 * g2);
    }

    @Override
    public double logPartition() {
        return Math.log(2 * Math.PI * std1 * std2 * Math.sqrt(1 - rho * rho));
    }

    @Override
    public org.nd4j.linalg.api.ndarray.INDArray sampleExact(int n, RandomKey key) {
        Checks.positive("n", n);
        var random = key.javaRandom();
        double[][] out = new double[n][2];
        double tail = Math.sqrt(1 - rho * rho);
        for (int i = 0; i < n; i++) {
            double z1 = random.nextGaussian();
            double z2 = random.nextGaussian();
            out[i][0] = mean1 + std1 * z1;
            out[i][1] = mean2 + std2 * (rho * z1 + tail * z2);
        }
        return Nd4j.createFromArray(out);
    }

    /** Registered as "correlated-gaussian": keys mean-x, mean-y (0), std-x, std-y (1), correlation (0.9). */
    public static final class Factory implements EnergyFactory {
        @Override
        public EnergyFunction create(ComponentConfig config) {
            config.requireOnly(Set.of("mean-x", "mean-y", "std-x", "std-y", "correlation"));
            return new CorrelatedGaussianEnergy(config.getDouble("mean-x", 0), config.getDouble("mean-y", 0),
                    config.getDouble("std-x", 1), config.getDouble("std-y", 1),
                    config.getDouble("correlation", 0.9));
        }

        @Override
        public String description() {
            return "2-D Gaussian with correlation (default 0.9); exact mean, covariance, samples and log Z";
        }
    }
}
