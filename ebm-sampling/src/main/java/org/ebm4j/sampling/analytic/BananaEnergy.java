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
 * The twisted-Gaussian "banana" of Haario, Saksman &amp; Tamminen (1999), a Rosenbrock-type curved target: with
 * y ~ N(0, diag(a², s²)), x₁ = y₁ and x₂ = y₂ + b(y₁² − a²). The map has unit Jacobian, so
 * E(x) = x₁²/(2a²) + u²/(2s²) with u = x₂ − b(x₁² − a²), log Z = log(2π a s), and exact samples come from the map.
 * ∇E = (x₁/a² − 2b x₁ u/s², u/s²).
 */
public final class BananaEnergy extends PlanarEnergy implements Normalized, ExactSampler {

    private final double stdX;
    private final double curvature;
    private final double stdY;

    public BananaEnergy(double stdX, double curvature, double stdY) {
        this.stdX = Checks.positive("banana: std-x", stdX);
        this.curvature = Checks.finite("banana: curvature", curvature);
        this.stdY = Checks.positive("banana: std-y", stdY);
    }

    @Override
    protected double energyAt(double x, double y, double[] gradient) {
        double u = y - curvature * (x * x - stdX * stdX);
        double a2 = stdX * stdX;
        double s2 = stdY * stdY;
        if (gradient != null) {
            gradient[0] = x / a2 - 2 * curvature * x * u / s2;
            gradient[1] = u / s2;
        }
        return x * x / (2 * a2) + u * u / (2 * s2);
    }

    @Override
    public double logPartition() {
        return Math.log(2 * Math.PI * stdX * stdY);
    }

    @Override
    public INDArray sampleExact(int n, RandomKey key) {
        Checks.positive("n", n);
        var random = key.javaRandom();
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) {
            double y1 = stdX * random.nextGaussian();
            out[i][0] = y1;
            out[i][1] = stdY * random.nextGaussian() + curvature * (y1 * y1 - stdX * stdX);
        }
        return Nd4j.createFromArray(out);
    }

    /** Registered as "banana": keys std-x (1), curvature (1), std-y (0.5). */
    public static final class Factory implements EnergyFactory {
        @Override
        public EnergyFunction create(ComponentConfig config) {
            config.requireOnly(Set.of("std-x", "curvature", "std-y"));
            return new BananaEnergy(config.getDouble("std-x", 1), config.getDouble("curvature", 1),
                    config.getDouble("std-y", 0.5));
        }

        @Override
        public String description() {
            return "twisted Gaussian (Haario et al. 1999): x2 = y2 + curvature*(y1^2 - std-x^2); exact samples, log Z";
        }
    }
}
