package org.ebm4j.sampling.analytic;

import java.util.Set;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFactory;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.energy.ExactSampler;
import org.ebm4j.api.energy.Normalized;
import org.ebm4j.api.random.RandomKey;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An equal-weight mixture of K isotropic Gaussians N(μ_k, σ²I) with means on a circle of radius r,
 * μ_k = r (cos 2πk/K, sin 2πk/K): E(x) = −log Σ_k exp(−‖x − μ_k‖²/(2σ²)), so Z = K · 2πσ² exactly.
 * ∇E = (x − Σ_k w_k μ_k)/σ² with w the softmax of the log-terms. The defaults (8 modes, radius 2, σ 0.2) are those of
 * the PyTorch reference script {@code torch_samplers_2d.py}.
 */
public final class RingMixtureEnergy extends PlanarEnergy implements Normalized, ExactSampler {

    private final int modes;
    private final double radius;
    private final double std;
    private final double[] mx;
    private final double[] my;

    public RingMixtureEnergy(int modes, double radius, double std) {
        this.modes = Checks.positive("ring-mixture: modes", modes);
        this.radius = Checks.nonNegative("ring-mixture: radius", radius);
        this.std = Checks.positive("ring-mixture: std", std);
        this.mx = new double[modes];
        this.my = new double[modes];
        for (int k = 0; k < modes; k++) {
            mx[k] = radius * Math.cos(2 * Math.PI * k / modes);
            my[k] = radius * Math.sin(2 * Math.PI * k / modes);
        }
    }

    @Override
    protected double energyAt(double x, double y, double[] gradient) {
        // Two passes (maximum, then the shifted sum) instead of an array of log-terms: no allocation per point.
        double scale = 1 / (2 * std * std);
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < modes; k++) {
            max = Math.max(max, logTerm(x, y, k, scale));
        }
        double sum = 0;
        double wx = 0;
        double wy = 0;
        for (int k = 0; k < modes; k++) {
            double w = Math.exp(logTerm(x, y, k, scale) - max);
            sum += w;
            wx += w * mx[k];
            wy += w * my[k];
        }
        if (gradient != null) {
            gradient[0] = (x - wx / sum) / (std * std);
            gradient[1] = (y - wy / sum) / (std * std);
        }
        return -(max + Math.log(sum));
    }

    private double logTerm(double x, double y, int k, double scale) {
        double dx = x - mx[k];
        double dy = y - my[k];
        return -(dx * dx + dy * dy) * scale;
    }

    @Override
    public double logPartition() {
        return Math.log(modes * 2 * Math.PI * std * std);
    }

    @Override
    public INDArray sampleExact(int n, RandomKey key) {
        Checks.positive("n", n);
        var random = key.javaRandom();
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(modes);
            out[i][0] = mx[k] + std * random.nextGaussian();
            out[i][1] = my[k] + std * random.nextGaussian();
        }
        return Nd4j.createFromArray(out);
    }

    /** Registered as "ring-mixture": keys modes (8), radius (2), std (0.2). */
    public static final class Factory implements EnergyFactory {
        @Override
        public EnergyFunction create(ComponentConfig config) {
            config.requireOnly(Set.of("modes", "radius", "std"));
            return new RingMixtureEnergy(config.getPositiveInt("modes", 8), config.getDouble("radius", 2),
                    config.getDouble("std", 0.2));
        }

        @Override
        public String description() {
            return "mixture of modes (8) Gaussians (std 0.2) on a circle of radius 2; exact samples and log Z";
        }
    }
}
