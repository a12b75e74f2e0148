package org.ebm4j.sampling.diagnostics;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.random.RandomKey;

/**
 * Sliced 2-Wasserstein distance (Rabin et al. 2011; Bonneel et al. 2015):
 * SW₂(X, Y) = ( mean over L random unit directions θ of W₂²(θᵀX, θᵀY) )^{1/2}, each 1-D W₂² computed exactly
 * between the empirical distributions by matching quantiles (samples of different sizes allowed). Directions are
 * uniform on the sphere, drawn from the given key.
 */
public final class SlicedWasserstein {

    private SlicedWasserstein() {
    }

    /**
     * @param projections L ≥ 1
     * @return SW₂ between samples {@code x[i][coordinate]} and {@code y[j][coordinate]}
     */
    public static double distance(double[][] x, double[][] y, int projections, RandomKey key) {
        Mmd.checkSamples(x, y);
        Checks.positive("projections", projections);
        int d = x[0].length;
        SplittableRandom random = key.javaRandom();
        double total = 0;
        double[] theta = new double[d];
        for (int l = 0; l < projections; l++) {
            double norm = 0;
            for (int i = 0; i < d; i++) {
                theta[i] = random.nextGaussian();
                norm += theta[i] * theta[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                theta[i] /= norm;
            }
            total += wasserstein2Squared(project(x, theta), project(y, theta));
        }
        return Math.sqrt(total / projections);
    }

    /** @return W₂² between two 1-D empirical distributions, by integrating (F⁻¹ − G⁻¹)² over merged quantile levels. */
    public static double wasserstein2Squared(double[] a, double[] b) {
        double[] u = a.clone();
        double[] v = b.clone();
        Arrays.sort(u);
        Arrays.sort(v);
        int i = 0;
        int j = 0;
        double level = 0;
        double sum = 0;
        while (i < u.length && j < v.length) {
            double nextA = (i + 1.0) / u.length;
            double nextB = (j + 1.0) / v.length;
            double next = Math.min(nextA, nextB);
            double diff = u[i] - v[j];
            sum += (next - level) * diff * diff;
            level = next;
            if (nextA <= next) {
                i++;
            }
            if (nextB <= next) {
                j++;
            }
        }
        return sum;
    }

    private static double[] project(double[][] x, double[] theta) {
        double[] out = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            double s = 0;
            for (int i = 0; i < theta.length; i++) {
                s += x[k][i] * theta[i];
            }
            out[k] = s;
        }
        return out;
    }
}
