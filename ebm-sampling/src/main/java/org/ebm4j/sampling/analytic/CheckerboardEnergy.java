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
 * A smooth checkerboard: the uniform distribution on the 8 "black" unit squares of the 4×4 board [−2, 2]²
 * (square (i, j) black when i + j is even) convolved with N(0, β²I). The hard checkerboard has no gradient, so the
 * target is this blurred version, which is still exact: p(x) = ⅛ Σ_black F_i(x₁) F_j(x₂) with
 * F_i(t) = Φ((t − l_i)/β) − Φ((t − l_i − 1)/β) for the square's edge l_i, E = −log p and log Z = 0. Exact samples are
 * a uniform point of a uniformly chosen black square plus N(0, β²I) noise.
 *
 * <p>Numerics: F is written as ½[erfc((|d| − ½)/(β√2)) − erfc((|d| + ½)/(β√2))] with d the distance to the square's
 * centre, which has no cancellation in the tails; erfc is the Chebyshev fit of Numerical Recipes (§6.2, fractional
 * error &lt; 1.2·10⁻⁷, so E is exact to ~10⁻⁷). The density underflows, and E becomes +∞ with a zero gradient,
 * about 26β√2 beyond the board (3.7 units for the default β = 0.1).
 */
public final class CheckerboardEnergy extends PlanarEnergy implements Normalized, ExactSampler {

    private static final int CELLS = 4;
    private static final double LOW = -2;

    private final double blur;

    public CheckerboardEnergy(double blur) {
        this.blur = Checks.positive("checkerboard: blur", blur);
    }

    @Override
    protected double energyAt(double x, double y, double[] gradient) {
        double[] fx = new double[CELLS];
        double[] dfx = new double[CELLS];
        double[] fy = new double[CELLS];
        double[] dfy = new double[CELLS];
        for (int i = 0; i < CELLS; i++) {
            double centre = LOW + i + 0.5;
            cellFactor(x - centre, fx, dfx, i);
            cellFactor(y - centre, fy, dfy, i);
        }
        double p = 0;
        double px = 0;
        double py = 0;
        for (int i = 0; i < CELLS; i++) {
            for (int j = (i % 2); j < CELLS; j += 2) {
                p += fx[i] * fy[j];
                px += dfx[i] * fy[j];
                py += fx[i] * dfy[j];
            }
        }
        if (gradient != null) {
            gradient[0] = p > 0 ? -px / p : 0;
            gradient[1] = p > 0 ? -py / p : 0;
        }
        return -Math.log(p / 8);
    }

    /** F and dF/dt of one cell at distance {@code d} from its centre. */
    private void cellFactor(double d, double[] f, double[] df, int i) {
        double a = Math.abs(d);
        double s = blur * Math.sqrt(2);
        f[i] = 0.5 * (erfc((a - 0.5) / s) - erfc((a + 0.5) / s));
        double phiNear = Math.exp(-0.5 * sq((a - 0.5) / blur));
        double phiFar = Math.exp(-0.5 * sq((a + 0.5) / blur));
        df[i] = Math.signum(d) * (phiFar - phiNear) / (blur * Math.sqrt(2 * Math.PI));
    }

    private static double sq(double v) {
        return v * v;
    }

    /** Complementary error function, Numerical Recipes' erfcc: fractional error below 1.2e-7 everywhere. */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    @Override
    public double logPartition() {
        return 0;
    }

    @Override
    public INDArray sampleExact(int n, RandomKey key) {
        Checks.positive("n", n);
        var random = key.javaRandom();
        double[][] out = new double[n][2];
        for (int k = 0; k < n; k++) {
            int cell = random.nextInt(CELLS * CELLS / 2);
            int i = cell / (CELLS / 2);
            int j = 2 * (cell % (CELLS / 2)) + (i % 2);
            out[k][0] = LOW + i + random.nextDouble() + blur * random.nextGaussian();
            out[k][1] = LOW + j + random.nextDouble() + blur * random.nextGaussian();
        }
        return Nd4j.createFromArray(out);
    }

    /** Registered as "checkerboard": key blur (0.1). */
    public static final class Factory implements EnergyFactory {
        @Override
        public EnergyFunction create(ComponentConfig config) {
            config.requireOnly(Set.of("blur"));
            return new CheckerboardEnergy(config.getDouble("blur", 0.1));
        }

        @Override
        public String description() {
            return "4x4 checkerboard on [-2,2]^2 blurred by N(0, blur^2) (smooth, exact); exact samples, log Z = 0";
        }
    }
}
