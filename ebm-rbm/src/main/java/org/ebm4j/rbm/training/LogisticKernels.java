package org.ebm4j.rbm.training;

import java.util.SplittableRandom;

/**
 * The element-wise logistic work of the fused RBM trainer: weighted hidden means with their softplus sums, and
 * Bernoulli(σ(a)) draws, as loops shaped for HotSpot's C2 compiler on JDK 17 (no exponential where a table or a
 * polynomial does, no branches on random outcomes).
 *
 * <ul>
 *   <li>Means: σ in double by a polynomial exponential in a loop that C2 vectorises (four doubles an instruction with
 *   AVX2): about 6 ns per unit, against 12–17 ns for the cubic Hermite tables used before, and accurate to 1e-14
 *   (1e-12 near |a| = 40) instead of 3e-10. The loop stays free of what keeps C2 from vectorising: float/double conversions (done in
 *   separate loops) and selects.</li>
 *   <li>Draws: a squeeze on a table of σ at the nodes a_k = −16 + k/32 of [−16, 16], exact (σ is evaluated for the
 *   ~1 % of uniforms near σ(a)); the vectorised σ was no faster here (about 6 ns a draw both ways).</li>
 * </ul>
 *
 * <p>A SIMD version through the JDK 17 Vector API (incubator) was tried and dropped: its exponential differs between
 * interpreted and compiled code (runs with one seed differed). The polynomial here uses additions, multiplications
 * and divisions only, which Java rounds the same way in every mode.
 */
final class LogisticKernels {

    private static final double RANGE = 16;
    private static final double CELLS_PER_UNIT = 32;
    private static final int CELLS = (int) (2 * RANGE * CELLS_PER_UNIT);
    /**
     * σ(a) ∈ [BOUNDS[c], BOUNDS[c + 1]] for a in cell c: BOUNDS[k + 1] = σ(a_k) for the nodes k = 0 … CELLS, with 0
     * below (a &lt; −16) and 1 above (a ≥ 16).
     */
    private static final double[] BOUNDS = new double[CELLS + 3];
    /** |a| beyond which {@link #sigmoids} clamps: σ(40) rounds to 1 in double, σ(−40) ≈ 4e-18. */
    private static final double CLAMP = 40;
    /** Units per partial product in the softplus sum: a product of 512 factors in [1/2, 1] stays above 2^−512. */
    private static final int PRODUCT_BLOCK = 512;

    static {
        for (int k = 0; k <= CELLS; k++) {
            BOUNDS[k + 1] = sigmoid(-RANGE + k / CELLS_PER_UNIT);
        }
        BOUNDS[CELLS + 2] = 1;
    }

    private LogisticKernels() {
    }

    static double sigmoid(double a) {
        return 1.0 / (1.0 + Math.exp(-a));
    }

    /**
     * sigma[j] = σ(a[j]) = 1 / (1 + e^−a) for j &lt; n, with a clamped to [−40, 40] (NaN stays NaN) and e^x computed as
     * (T(x/64))^64, T the Taylor polynomial of e^y of degree 13: its truncation error, ≤ |y|^14/14! (1.6e-14 at
     * |y| = 5/8), and the rounding are multiplied by 64 by the squarings, so σ is accurate to about 1e-12 relative
     * near the clamp and 1e-14 for |a| ≤ 10.
     */
    static void sigmoids(double[] a, int n, double[] sigma) {
        for (int j = 0; j < n; j++) {
            double x = Math.max(-CLAMP, Math.min(CLAMP, a[j])) * (-1.0 / 64);
            double p = 1 + x * (1 + x * (1.0 / 2 + x * (1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120 + x * (1.0 / 720
                    + x * (1.0 / 5040 + x * (1.0 / 40320 + x * (1.0 / 362880 + x * (1.0 / 3628800
                    + x * (1.0 / 39916800 + x * (1.0 / 479001600 + x * (1.0 / 6227020800.0)))))))))))));
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            sigma[j] = 1 / (1 + p);
        }
    }

    /**
     * out[j] = weight·σ(a[j]) for every pre-activation a = {@code pre}, σ from {@link #sigmoids}.
     *
     * <p>The softplus sum uses softplus(a) = max(a, 0) + log(1 + e^−|a|) and 1 + e^−|a| = 1 / σ(|a|) =
     * 1 / max(σ(a), 1 − σ(a)): Σ softplus = Σ max(a, 0) − log Π max(σ, 1 − σ), one logarithm per 512 units (each
     * factor is in [1/2, 1], so no partial product underflows) instead of one per unit.
     *
     * @param a scratch, at least {@code pre.length} long (receives the pre-activations in double)
     * @param sigma scratch, at least {@code pre.length} long (receives σ)
     * @return Σⱼ softplus(aⱼ) = Σⱼ log(1 + e^aⱼ) (NaN if a pre-activation is NaN)
     */
    static double weightedMeansAndSoftplus(float[] pre, float weight, float[] out, double[] a, double[] sigma) {
        int n = pre.length;
        for (int j = 0; j < n; j++) { // apart from sigmoids: a float-to-double conversion keeps C2 from vectorising
            a[j] = pre[j];
        }
        sigmoids(a, n, sigma);
        double relu0 = 0; // Σ (a + |a|) = 2 Σ max(a, 0), exactly; two sums and four products shorten the latency chains
        double relu1 = 0;
        double logProduct = 0;
        for (int from = 0; from < n; from += PRODUCT_BLOCK) {
            int to = Math.min(n, from + PRODUCT_BLOCK);
            double p0 = 1;
            double p1 = 1;
            double p2 = 1;
            double p3 = 1;
            int j = from;
            // max(σ, 1 − σ) as 1/2 + |σ − 1/2|: Math.max on doubles costs a blend sequence for its NaN and −0 rules
            for (; j + 3 < to; j += 4) {
                double s0 = sigma[j];
                double s1 = sigma[j + 1];
                double s2 = sigma[j + 2];
                double s3 = sigma[j + 3];
                out[j] = (float) (weight * s0);
                out[j + 1] = (float) (weight * s1);
                out[j + 2] = (float) (weight * s2);
                out[j + 3] = (float) (weight * s3);
                p0 *= 0.5 + Math.abs(s0 - 0.5);
                p1 *= 0.5 + Math.abs(s1 - 0.5);
                p2 *= 0.5 + Math.abs(s2 - 0.5);
                p3 *= 0.5 + Math.abs(s3 - 0.5);
                relu0 += (a[j] + Math.abs(a[j])) + (a[j + 1] + Math.abs(a[j + 1]));
                relu1 += (a[j + 2] + Math.abs(a[j + 2])) + (a[j + 3] + Math.abs(a[j + 3]));
            }
            for (; j < to; j++) {
                double s0 = sigma[j];
                out[j] = (float) (weight * s0);
                p0 *= 0.5 + Math.abs(s0 - 0.5);
                relu0 += a[j] + Math.abs(a[j]);
            }
            logProduct += Math.log((p0 * p1) * (p2 * p3));
        }
        return (relu0 + relu1) / 2 - logProduct;
    }

    /**
     * Fills {@code uniforms[0, n)} with U[0, 1) draws on the grid of multiples of 2^−24 (float's resolution), two
     * from each 64-bit output of {@code rng}.
     */
    static void fillUniforms(SplittableRandom rng, float[] uniforms, int n) {
        for (int j = 0; j < n; j += 2) {
            long bits = rng.nextLong();
            uniforms[j] = (bits >>> 40) * 0x1p-24f;
            if (j + 1 < n) {
                uniforms[j + 1] = ((bits >>> 16) & 0xFFFFFF) * 0x1p-24f;
            }
        }
    }

    /**
     * Bernoulli draws: unit j is 1 iff uniforms[j] &lt; σ(pre[j]); the indices of the ones go to {@code ones}.
     *
     * @return how many ones
     */
    static int draw(float[] pre, float[] uniforms, int[] ones) {
        int count = 0;
        for (int j = 0; j < pre.length; j++) {
            ones[count] = j; // kept only if the draw is 1: no branch on the (unpredictable) outcome
            count += draw(pre[j], uniforms[j]) ? 1 : 0;
        }
        return count;
    }

    /**
     * An exact Bernoulli(σ(a)) draw that rarely evaluates σ: σ is increasing, so for a in a cell [a_k, a_k+1], a
     * uniform u &lt; σ(a_k) means 1 and u ≥ σ(a_k+1) means 0 without computing σ(a); only u between the two
     * (probability σ(a_k+1) − σ(a_k) ≤ δ/4 = 1/128 with cells of width δ = 1/32) needs the exponential. Below −16 the
     * bounds are [0, σ(−16)), above 16 [σ(16), 1].
     *
     * @param a the pre-activation (NaN draws 0; the trainer has rejected non-finite parameters before)
     * @param u a uniform draw in [0, 1)
     * @return whether u &lt; σ(a), σ in double precision
     */
    static boolean draw(float a, double u) {
        double x = (a + RANGE) * CELLS_PER_UNIT + 1; // cell index + fraction (Math.min/max cost 3× more here)
        int cell = x < 1 ? 0 : x >= CELLS + 1 ? CELLS + 1 : (int) x; // NaN: (int) NaN = 0
        double low = BOUNDS[cell];
        double high = BOUNDS[cell + 1];
        // u in [low, high] (rare): only then σ(a) is needed. One sign test instead of two comparisons keeps the
        // random outcome out of the branches (a mispredicted branch per draw cost 3× the draw).
        if ((u - low) * (u - high) <= 0) {
            return u < sigmoid(a);
        }
        return u < low;
    }

    /**
     * Bernoulli draws from probabilities already computed: unit j is 1 iff uniforms[j] &lt; scale·scaled[j].
     *
     * @return how many ones (their indices in {@code ones})
     */
    static int drawBelow(float[] scaled, float scale, float[] uniforms, int[] ones) {
        int count = 0;
        for (int j = 0; j < scaled.length; j++) {
            ones[count] = j;
            count += uniforms[j] < scale * scaled[j] ? 1 : 0;
        }
        return count;
    }
}
