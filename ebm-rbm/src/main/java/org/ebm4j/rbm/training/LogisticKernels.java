package org.ebm4j.rbm.training;

import java.util.SplittableRandom;

/**
 * The element-wise logistic work of the fused RBM trainer: weighted hidden means with their softplus sums, and
 * Bernoulli(σ(a)) draws, as scalar loops shaped for HotSpot (no exponential where a table does, no branches on
 * random outcomes, no {@code Math.max/abs} on doubles). Both use one table: σ at the nodes a_k = −16 + k/32 of
 * [−16, 16]. A SIMD version through the JDK 17 Vector API (incubator) was tried and dropped: its exponential
 * differs between interpreted and compiled code (runs with one seed differed), and with exactly rounded arithmetic
 * instead a one-epoch run was slower and later epochs barely faster than these loops.
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
    /** SOFTPLUS[k] = softplus(a_k) = log(1 + e^a_k). */
    private static final double[] SOFTPLUS = new double[CELLS + 1];

    static {
        for (int k = 0; k <= CELLS; k++) {
            double a = -RANGE + k / CELLS_PER_UNIT;
            BOUNDS[k + 1] = sigmoid(a);
            SOFTPLUS[k] = Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a)));
        }
        BOUNDS[CELLS + 2] = 1;
    }

    private LogisticKernels() {
    }

    static double sigmoid(double a) {
        return 1.0 / (1.0 + Math.exp(-a));
    }

    /**
     * e^x for x ≤ 0 to about 1e-8 relative (enough for float outputs and for free energies reported as metrics):
     * x = n·ln 2 + r with |r| ≤ ln 2 / 2, e^r by its degree-7 Taylor polynomial (error ≤ r⁸/8! ≈ 6e-9), 2ⁿ built from
     * its exponent bits. Arguments below −100 give e^−100.
     */
    static double expNonPositive(double x) {
        double y = x < -100.0 ? -100.0 : x;
        long n = (long) (y * 1.4426950408889634 - 0.5); // nearest integer to y / ln 2 (truncation is towards zero)
        double r = (y - n * 0.6931471803691238) - n * 1.9082149292705877e-10; // ln 2 in two parts (fdlibm)
        double p = 1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720
                + r * (1.0 / 5040)))))));
        return p * Double.longBitsToDouble((n + 1023) << 52);
    }

    /**
     * out[j] = weight·σ(a[j]) for every pre-activation a = {@code pre}. Inside [−16, 16) σ and softplus come from
     * cubic Hermite interpolation between the table's nodes with the exact derivatives σ' = σ(1 − σ) and
     * softplus' = σ (error ≤ δ⁴/384 · max|f⁗| ≈ 3e-10 for cells of δ = 1/32, below float's rounding): no exponential
     * and no division, twice as fast as the exact formulas, which are used outside.
     *
     * @return Σⱼ softplus(aⱼ) = Σⱼ log(1 + e^aⱼ)
     */
    static double weightedMeansAndSoftplus(float[] pre, float weight, float[] out) {
        double softplusSum = 0;
        for (int j = 0; j < pre.length; j++) {
            double a = pre[j];
            double t = (a + RANGE) * CELLS_PER_UNIT;
            double sigma;
            if (t >= 0 && t < CELLS) {
                int k = (int) t;
                double f = t - k;
                double g = 1 - f;
                double h00 = (1 + 2 * f) * g * g;
                double h01 = f * f * (3 - 2 * f);
                double h10 = f * g * g / CELLS_PER_UNIT;
                double h11 = -f * f * g / CELLS_PER_UNIT;
                double s0 = BOUNDS[k + 1];
                double s1 = BOUNDS[k + 2];
                sigma = h00 * s0 + h01 * s1 + h10 * s0 * (1 - s0) + h11 * s1 * (1 - s1);
                softplusSum += h00 * SOFTPLUS[k] + h01 * SOFTPLUS[k + 1] + h10 * s0 + h11 * s1;
            } else { // |a| ≥ 16 (or NaN): the exact formulas with e = e^−|a|
                double e = expNonPositive(a > 0 ? -a : a);
                sigma = (a >= 0 ? 1 : e) / (1 + e);
                softplusSum += (a > 0 ? a : 0) + Math.log1p(e); // NaN: e and the sum become NaN
            }
            out[j] = (float) (weight * sigma);
        }
        return softplusSum;
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
