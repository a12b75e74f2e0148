package org.ebm4j.sampling.analytic;

import java.util.Set;
import org.apache.commons.math3.distribution.NormalDistribution;
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
 * A ring of radius r and width σ: E(x) = (‖x‖ − r)² / (2σ²), a curved, non-convex target with a single connected
 * mode. In polar coordinates the radius has density ∝ ρ exp(−(ρ − r)²/(2σ²)) on ρ &gt; 0 and the angle is uniform,
 * so Z = (2π)^{3/2} σ (r Φ(r/σ) + σ φ(r/σ)) exactly. ∇E = (‖x‖ − r)/σ² · x/‖x‖, taken as 0 at the origin.
 *
 * <p>Exact samples: the radius by rejection from the envelope (r + σ|z|) φ(z) ≥ ρ φ(z), ρ = r + σz, which is the
 * mixture of N(0, 1) (weight r) and a symmetric Rayleigh (weight σ√(2/π)); acceptance ρ/(r + σ|z|) on ρ &gt; 0.
 */
public final class RingEnergy extends PlanarEnergy implements Normalized, ExactSampler {

    private final double radius;
    private final double std;

    public RingEnergy(double radius, double std) {
        this.radius = Checks.nonNegative("ring: radius", radius);
        this.std = Checks.positive("ring: std", std);
    }

    @Override
    protected double energyAt(double x, double y, double[] gradient) {
        double rho = Math.hypot(x, y);
        double d = rho - radius;
        if (gradient != null) {
            double scale = rho > 0 ? d / (std * std * rho) : 0;
            gradient[0] = scale * x;
            gradient[1] = scale * y;
        }
        return d * d / (2 * std * std);
    }

    @Override
    public double logPartition() {
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        double a = radius / std;
        return 1.5 * Math.log(2 * Math.PI) + Math.log(std)
                + Math.log(radius * normal.cumulativeProbability(a) + std * normal.density(a));
    }

    @Override
    public INDArray sampleExact(int n, RandomKey key) {
        Checks.positive("n", n);
        var random = key.javaRandom();
        double normalWeight = radius / (radius + std * Math.sqrt(2 / Math.PI));
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) {
            double rho;
            while (true) {
                double z;
                if (random.nextDouble() < normalWeight) {
                    z = random.nextGaussian();
                } else {
                    z = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * (random.nextBoolean() ? 1 : -1);
                }
                rho = radius + std * z;
                if (rho > 0 && random.nextDouble() * (radius + std * Math.abs(z)) < rho) {
                    break;
                }
            }
            double angle = 2 * Math.PI * random.nextDouble();
            out[i][0] = rho * Math.cos(angle);
            out[i][1] = rho * Math.sin(angle);
        }
        return Nd4j.createFromArray(out);
    }

    /** Registered as "ring": keys radius (2), std (0.2). */
    public static final class Factory implements EnergyFactory {
        @Override
        public EnergyFunction create(ComponentConfig config) {
            config.requireOnly(Set.of("radius", "std"));
            return new RingEnergy(config.getDouble("radius", 2), config.getDouble("std", 0.2));
        }

        @Override
        public String description() {
            return "ring of radius 2 and width std 0.2, E=(|x|-r)^2/(2 std^2); exact samples and log Z";
        }
    }
}
