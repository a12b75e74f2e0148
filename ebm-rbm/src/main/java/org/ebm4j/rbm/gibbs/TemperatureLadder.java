package org.ebm4j.rbm.gibbs;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The inverse temperatures of parallel tempering, 1 = β₀ &gt; β₁ &gt; … &gt; β_{K−1} &gt; 0. Replica 0 samples the model
 * itself; the hotter replicas (smaller β) flatten p_β(v, h) ∝ exp(−β E(v, h)) so that their chains cross between
 * modes, and swaps carry those moves down to β = 1.
 *
 * <p>Two standard ladders: {@link #linear} (equal steps in β, Desjardins et al. 2010) and {@link #geometric} (equal
 * ratios β_{r+1}/β_r, the usual choice when the energy's spread grows as β falls).
 *
 * @param betas the inverse temperatures, β = 1 first, strictly decreasing, each in (0, 1]
 */
public record TemperatureLadder(double[] betas) {

    public TemperatureLadder {
        if (betas == null || betas.length < 2) {
            throw new IllegalArgumentException("betas = " + (betas == null ? "null" : Arrays.toString(betas))
                    + "; expected at least 2 inverse temperatures");
        }
        betas = betas.clone();
        if (betas[0] != 1.0) {
            throw new IllegalArgumentException("betas[0] = " + betas[0] + "; expected 1 (replica 0 samples the model)");
        }
        for (int r = 1; r < betas.length; r++) {
            if (!(betas[r] > 0 && betas[r] <= 1)) {
                throw new IllegalArgumentException("betas[" + r + "] = " + betas[r] + "; expected a number in (0, 1]");
            }
            if (!(betas[r] < betas[r - 1])) {
                throw new IllegalArgumentException("betas[" + r + "] = " + betas[r] + " is not below betas[" + (r - 1)
                        + "] = " + betas[r - 1] + "; expected strictly decreasing inverse temperatures");
            }
        }
    }

    /**
     * β_r = 1 − (1 − β_min) r / (K − 1).
     *
     * @param temperatures K, {@code >= 2}
     * @param minBeta β_{K−1}, in (0, 1)
     */
    public static TemperatureLadder linear(int temperatures, double minBeta) {
        checkShape(temperatures, minBeta);
        double[] b = new double[temperatures];
        for (int r = 0; r < temperatures; r++) {
            b[r] = 1 - (1 - minBeta) * r / (temperatures - 1);
        }
        return new TemperatureLadder(b);
    }

    /**
     * β_r = β_min^{r / (K − 1)}.
     *
     * @param temperatures K, {@code >= 2}
     * @param minBeta β_{K−1}, in (0, 1)
     */
    public static TemperatureLadder geometric(int temperatures, double minBeta) {
        checkShape(temperatures, minBeta);
        double[] b = new double[temperatures];
        for (int r = 0; r < temperatures; r++) {
            b[r] = r == temperatures - 1 ? minBeta : Math.pow(minBeta, (double) r / (temperatures - 1));
        }
        return new TemperatureLadder(b);
    }

    private static void checkShape(int temperatures, double minBeta) {
        if (temperatures < 2) {
            throw new IllegalArgumentException("temperatures = " + temperatures + "; expected at least 2");
        }
        if (!(minBeta > 0 && minBeta < 1)) {
            throw new IllegalArgumentException("min_beta = " + minBeta + "; expected a number in (0, 1)");
        }
    }

    /** @return a copy of the inverse temperatures, β = 1 first. */
    @Override
    public double[] betas() {
        return betas.clone();
    }

    /** @return K, the number of temperatures. */
    public int size() {
        return betas.length;
    }

    /** @return β_r. */
    public double beta(int r) {
        return betas[r];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TemperatureLadder other && Arrays.equals(betas, other.betas);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(betas);
    }

    /** @return the betas as {@code 1,0.9,...} (short decimal form, for provenance). */
    @Override
    public String toString() {
        return Arrays.stream(betas).mapToObj(b -> String.format(Locale.ROOT, "%.6g", b).replaceAll("\\.?0+$", ""))
                .collect(Collectors.joining(","));
    }
}
