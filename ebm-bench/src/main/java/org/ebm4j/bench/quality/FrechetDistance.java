package org.ebm4j.bench.quality;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Fréchet distance between Gaussians fitted to two feature sets (Heusel et al. 2017):
 * d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁Σ₂)^{1/2}). The trace of the matrix square root is computed as
 * Σ √λᵢ over the eigenvalues of the symmetric PSD matrix Σ₁^{1/2} Σ₂ Σ₁^{1/2}, which has the same spectrum as
 * Σ₁Σ₂; tiny negative eigenvalues from rounding are clipped to 0. Double precision throughout.
 */
public final class FrechetDistance {

    private FrechetDistance() {
    }

    /**
     * @param a features [n, d], n ≥ 2
     * @param b features [m, d], m ≥ 2
     * @return the squared Fréchet distance
     */
    public static double between(double[][] a, double[][] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("feature sets of " + a.length + " and " + b.length
                    + " rows; expected at least 2 each");
        }
        if (a[0].length != b[0].length) {
            throw new IllegalArgumentException("feature dimensions " + a[0].length + " and " + b[0].length
                    + "; expected equal");
        }
        double[] muA = mean(a);
        double[] muB = mean(b);
        RealMatrix covA = covariance(a, muA);
        RealMatrix covB = covariance(b, muB);
        double meanTerm = 0;
        for (int i = 0; i < muA.length; i++) {
            meanTerm += (muA[i] - muB[i]) * (muA[i] - muB[i]);
        }
        RealMatrix rootA = sqrtPsd(covA);
        RealMatrix middle = rootA.multiply(covB).multiply(rootA);
        middle = middle.add(middle.transpose()).scalarMultiply(0.5); // symmetric up to rounding
        double traceRoot = 0;
        for (double lambda : new EigenDecomposition(middle).getRealEigenvalues()) {
            traceRoot += Math.sqrt(Math.max(lambda, 0));
        }
        return meanTerm + covA.getTrace() + covB.getTrace() - 2 * traceRoot;
    }

    static double[] mean(double[][] x) {
        double[] mu = new double[x[0].length];
        for (double[] row : x) {
            for (int j = 0; j < mu.length; j++) {
                mu[j] += row[j];
            }
        }
        for (int j = 0; j < mu.length; j++) {
            mu[j] /= x.length;
        }
        return mu;
    }

    static RealMatrix covariance(double[][] x, double[] mu) {
        int d = mu.length;
        double[][] c = new double[d][d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                double di = row[i] - mu[i];
                for (int j = i; j < d; j++) {
                    c[i][j] += di * (row[j] - mu[j]);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                c[i][j] /= x.length - 1;
                c[j][i] = c[i][j];
            }
        }
        return new Array2DRowRealMatrix(c, false);
    }

    private static RealMatrix sqrtPsd(RealMatrix m) {
        EigenDecomposition e = new EigenDecomposition(m);
        double[] lambda = e.getRealEigenvalues();
        RealMatrix v = e.getV();
        RealMatrix scaled = v.copy();
        for (int j = 0; j < lambda.length; j++) {
            double s = Math.sqrt(Math.max(lambda[j], 0));
            for (int i = 0; i < lambda.length; i++) {
                scaled.multiplyEntry(i, j, s);
            }
        }
        return scaled.multiply(v.transpose());
    }
}
