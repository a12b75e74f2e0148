package org.ebm4j.sampling.diagnostics;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Convergence diagnostics of a scalar quantity over several chains, following Vehtari, Gelman, Simpson, Carpenter
 * &amp; Bürkner (2021), "Rank-normalization, folding, and localization: an improved R̂", Bayesian Analysis 16(2), and
 * the reference implementation of the R package {@code posterior}:
 * <ul>
 *   <li>{@link #rhat}: max of the split-R̂ of the rank-normalised draws and of the rank-normalised folded draws
 *       |x − median|;</li>
 *   <li>{@link #essBulk}: ESS of the rank-normalised split chains;</li>
 *   <li>{@link #essTail}: min of the ESS of the indicators 1[x ≤ q₀.₀₅] and 1[x ≤ q₀.₉₅] on split chains;</li>
 *   <li>{@link #essMean} and {@link #mcseMean}: ESS of the split chains and sd/√ESS, the standard error of the mean.</li>
 * </ul>
 * ESS uses Geyer's initial monotone sequence on the multi-chain autocorrelation
 * ρ_t = 1 − (W − mean_m γ_{t,m}) / var⁺, autocovariances by FFT ({@link Autocovariance}).
 *
 * <p>Draws are {@code draws[chain][iteration]}; all chains have the same length, at least 4 so each split half has
 * 2. A quantity that is constant within every chain gives NaN.
 */
public final class ChainDiagnostics {

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private ChainDiagnostics() {
    }

    /** @return rank-normalised split-R̂ (≈ 1 at convergence; Vehtari et al. recommend &lt; 1.01). */
    public static double rhat(double[][] draws) {
        check(draws);
        double[][] split = split(draws);
        double bulk = rhatBasic(rankNormalize(split));
        double tail = rhatBasic(rankNormalize(split(fold(draws))));
        return Math.max(bulk, tail);
    }

    /** @return the bulk effective sample size, over all chains together. */
    public static double essBulk(double[][] draws) {
        check(draws);
        return essBasic(rankNormalize(split(draws)));
    }

    /** @return the tail effective sample size (5% and 95% quantiles), over all chains together. */
    public static double essTail(double[][] draws) {
        check(draws);
        double[] pooled = pooled(draws);
        double[] sorted = pooled.clone();
        Arrays.sort(sorted);
        double q05 = quantile(sorted, 0.05);
        double q95 = quantile(sorted, 0.95);
        return Math.min(essBasic(split(indicator(draws, q05))), essBasic(split(indicator(draws, q95))));
    }

    /** @return the effective sample size for the mean (split chains, no rank normalisation). */
    public static double essMean(double[][] draws) {
        check(draws);
        return essBasic(split(draws));
    }

    /** @return the Monte Carlo standard error of the mean over all draws, sd / √{@link #essMean}. */
    public static double mcseMean(double[][] draws) {
        double[] pooled = pooled(draws);
        return Math.sqrt(variance(pooled)) / Math.sqrt(essMean(draws));
    }

    /** @return the mean over all draws of all chains. */
    public static double mean(double[][] draws) {
        return Arrays.stream(pooled(draws)).average().orElse(Double.NaN);
    }

    /**
     * Effective sample size of the chains as given (no splitting, no rank normalisation): {@code posterior}'s
     * {@code ess_basic} with {@code split = FALSE}.
     */
    public static double essBasic(double[][] draws) {
        int chains = draws.length;
        int n = draws[0].length;
        double[][] acov = new double[chains][];
        double[] chainMean = new double[chains];
        double meanVar = 0;
        for (int m = 0; m < chains; m++) {
            acov[m] = Autocovariance.of(draws[m]);
            chainMean[m] = Arrays.stream(draws[m]).average().orElseThrow();
            meanVar += acov[m][0] * n / (n - 1.0);
        }
        meanVar /= chains;
        double varPlus = meanVar * (n - 1.0) / n;
        if (chains > 1) {
            varPlus += variance(chainMean);
        }
        if (!(varPlus > 0) || !Double.isFinite(varPlus)) {
            return Double.NaN;
        }
        double[] rho = new double[n];
        rho[0] = 1;
        double rhoEven = 1;
        double rhoOdd = n > 1 ? 1 - (meanVar - meanAcov(acov, 1)) / varPlus : 0;
        if (n > 1) {
            rho[1] = rhoOdd;
        }
        int t = 0;
        while (t < n - 5 && !Double.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0) {
            t += 2;
            rhoEven = 1 - (meanVar - meanAcov(acov, t)) / varPlus;
            rhoOdd = 1 - (meanVar - meanAcov(acov, t + 1)) / varPlus;
            if (rhoEven + rhoOdd >= 0) {
                rho[t] = rhoEven;
                rho[t + 1] = rhoOdd;
            }
        }
        int maxT = t;
        if (rhoEven > 0 && maxT < n) {
            rho[maxT] = rhoEven;
        }
        // Geyer's initial monotone sequence: the pair sums must not increase.
        t = 0;
        while (t <= maxT - 4) {
            t += 2;
            if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
                rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
                rho[t + 1] = rho[t];
            }
        }
        double total = (double) chains * n;
        double tau = -1 + rho[Math.min(maxT, n - 1)];
        for (int k = 0; k < maxT; k++) {
            tau += 2 * rho[k];
        }
        // Antithetic chains can give tau < 1; posterior caps the ESS at total * log10(total).
        tau = Math.max(tau, 1 / Math.log10(total));
        return total / tau;
    }

    /** @return the basic R̂ of the chains as given: √((B/W + n − 1)/n) with B = n·var(chain means). */
    public static double rhatBasic(double[][] draws) {
        int chains = draws.length;
        int n = draws[0].length;
        double[] means = new double[chains];
        double within = 0;
        for (int m = 0; m < chains; m++) {
            means[m] = Arrays.stream(draws[m]).average().orElseThrow();
            within += variance(draws[m]);
        }
        within /= chains;
        double between = n * variance(means);
        if (!(within > 0)) {
            return Double.NaN;
        }
        return Math.sqrt((between / within + n - 1) / n);
    }

    /** @return each chain cut into its first and second half (the middle draw dropped for odd lengths). */
    public static double[][] split(double[][] draws) {
        int n = draws[0].length;
        int half = n / 2;
        double[][] out = new double[2 * draws.length][];
        for (int m = 0; m < draws.length; m++) {
            out[2 * m] = Arrays.copyOfRange(draws[m], 0, half);
            out[2 * m + 1] = Arrays.copyOfRange(draws[m], n - half, n);
        }
        return out;
    }

    /** @return Φ⁻¹((r − 3/8)/(S + 1/4)) of the pooled ranks r (ties averaged), S the number of draws. */
    public static double[][] rankNormalize(double[][] draws) {
        double[] pooled = pooled(draws);
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(pooled);
        double s = pooled.length;
        double[][] out = new double[draws.length][draws[0].length];
        int k = 0;
        for (int m = 0; m < draws.length; m++) {
            for (int i = 0; i < draws[m].length; i++) {
                out[m][i] = NORMAL.inverseCumulativeProbability((ranks[k++] - 0.375) / (s + 0.25));
            }
        }
        return out;
    }

    private static double[][] fold(double[][] draws) {
        double[] sorted = pooled(draws);
        Arrays.sort(sorted);
        double median = quantile(sorted, 0.5);
        double[][] out = new double[draws.length][];
        for (int m = 0; m < draws.length; m++) {
            out[m] = Arrays.stream(draws[m]).map(v -> Math.abs(v - median)).toArray();
        }
        return out;
    }

    private static double[][] indicator(double[][] draws, double threshold) {
        double[][] out = new double[draws.length][];
        for (int m = 0; m < draws.length; m++) {
            out[m] = Arrays.stream(draws[m]).map(v -> v <= threshold ? 1 : 0).toArray();
        }
        return out;
    }

    /** Quantile of sorted data by linear interpolation (R's type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double meanAcov(double[][] acov, int lag) {
        double s = 0;
        for (double[] a : acov) {
            s += a[lag];
        }
        return s / acov.length;
    }

    private static double[] pooled(double[][] draws) {
        return Arrays.stream(draws).flatMapToDouble(Arrays::stream).toArray();
    }

    /** Sample variance with divisor n − 1. */
    static double variance(double[] v) {
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return s / (v.length - 1);
    }

    private static void check(double[][] draws) {
        if (draws == null || draws.length == 0) {
            throw new IllegalArgumentException("draws has no chains; expected draws[chain][iteration]");
        }
        int n = draws[0].length;
        if (n < 4) {
            throw new IllegalArgumentException("draws has " + n + " iterations per chain; expected at least 4");
        }
        for (int m = 0; m < draws.length; m++) {
            if (draws[m].length != n) {
                throw new IllegalArgumentException("draws[" + m + "] has " + draws[m].length
                        + " iterations; expected " + n + " like draws[0]");
            }
            for (double v : draws[m]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("draws[" + m + "] contains " + v + "; expected finite values");
                }
            }
        }
    }
}
