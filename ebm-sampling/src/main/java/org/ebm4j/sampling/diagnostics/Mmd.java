package org.ebm4j.sampling.diagnostics;

import java.util.Arrays;
import org.ebm4j.api.config.Checks;

/**
 * Squared maximum mean discrepancy (Gretton et al. 2012) with the Gaussian kernel k(x, y) = exp(−‖x − y‖²/(2h²)),
 * as the biased V-statistic MMD² = mean k(X, X) + mean k(Y, Y) − 2 mean k(X, Y) (≥ 0; its expectation for two
 * samples of the same law is of order 1/n, so compare with the value for two exact samples of the same size).
 * The bandwidth is given or chosen by the median heuristic: h = the median Euclidean distance between distinct
 * points of the pooled sample (computed on at most {@value #MEDIAN_POINTS} evenly spaced points).
 */
public final class Mmd {

    static final int MEDIAN_POINTS = 1000;

    private Mmd() {
    }

    /** @return MMD² of samples {@code x[i][coordinate]} and {@code y[j][coordinate]} with bandwidth {@code h}. */
    public static double squared(double[][] x, double[][] y, double bandwidth) {
        Checks.positive("bandwidth", bandwidth);
        checkSamples(x, y);
        double gamma = 1 / (2 * bandwidth * bandwidth);
        return meanKernel(x, x, gamma) + meanKernel(y, y, gamma) - 2 * meanKernel(x, y, gamma);
    }

    /** @return MMD² with the median-heuristic bandwidth {@link #medianBandwidth}. */
    public static double squared(double[][] x, double[][] y) {
        return squared(x, y, medianBandwidth(x, y));
    }

    /** @return the median pairwise Euclidean distance of the pooled sample (the median heuristic). */
    public static double medianBandwidth(double[][] x, double[][] y) {
        checkSamples(x, y);
        double[][] pooled = new double[x.length + y.length][];
        System.arraycopy(x, 0, pooled, 0, x.length);
        System.arraycopy(y, 0, pooled, x.length, y.length);
        int m = Math.min(pooled.length, MEDIAN_POINTS);
        double[][] points = new double[m][];
        for (int i = 0; i < m; i++) {
            points[i] = pooled[(int) ((long) i * pooled.length / m)];
        }
        double[] distances = new double[m * (m - 1) / 2];
        int k = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                distances[k++] = Math.sqrt(squaredDistance(points[i], points[j]));
            }
        }
        Arrays.sort(distances);
        double median = ChainDiagnostics.quantile(distances, 0.5);
        return median > 0 ? median : 1.0;
    }

    private static double meanKernel(double[][] a, double[][] b, double gamma) {
        double sum = 0;
        for (double[] u : a) {
            for (double[] v : b) {
                sum += Math.exp(-gamma * squaredDistance(u, v));
            }
        }
        return sum / ((double) a.length * b.length);
    }

    static double squaredDistance(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            double d = u[i] - v[i];
            s += d * d;
        }
        return s;
    }

    static void checkSamples(double[][] x, double[][] y) {
        if (x.length < 2 || y.length < 2) {
            throw new IllegalArgumentException("samples have " + x.length + " and " + y.length
                    + " points; expected at least 2 each");
        }
        if (x[0].length != y[0].length) {
            throw new IllegalArgumentException("samples have dimensions " + x[0].length + " and " + y[0].length
                    + "; expected equal dimensions");
        }
    }
}
