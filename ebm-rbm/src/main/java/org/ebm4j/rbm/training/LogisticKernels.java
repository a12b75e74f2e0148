package org.ebm4j.rbm.training;

import java.util.SplittableRandom;

/**
 * The element-wise logistic work of the fused RBM trainer: weighted hidden means with their softplus sums, and
 * Bernoulli(σ(a)) draws, as scalar loops shaped for HotSpot (no exponential where a table does, no branches on
 * random outcomes, no {@code Math.max/abs} on doubles). A SIMD version through the JDK 17 Vector API
 * (incubator) was tried and dropped: its exponential differs between interpreted and compiled code (runs with one
 * seed differed), and with exactly rounded arithmetic instead it ran slower here than these loops.
 */
final class LogisticKernels {

    /** Cubic Hermite tables on [−16, 16] with cells of width 1/32: σ and softplus at the nodes. */
    private static final double RANGE = 16;
    private static final double CELLS_PER_UNIT = 32;
    private static final int CELLS = (int) (2 * RANGE * CELLS_PER_UNIT);
    private static final double[] SIGMOID = new double[CELLS + 1];
    private static final double[] SOFTPLUS = new double[CELLS + 1];

    static {
        for (int k = 0; k <= CELLS; k++) {
            double a = -RANGE + k / CELLS_PER_UNIT;
            SIGMOID[k] = 1 / (1 + Math.exp(-a));
            SOFTPLUS[k] = Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a)));
        }
    }

    private LogisticKernels() {
    }

    /**
     * out[j] = weight·σ(a[j]) for every pre-activation a = {@code pre}. Inside [−16, 16) σ and softplus come from
     * cubic Hermite interpolation between the tables' nodes with the exact derivatives σ' = σ(1 − σ) and
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
                double s0 = SIGMOID[k];
                double s1 = SIGMOID[k + 1];
                sigma = h00 * s0 + h01 * s1 + h10 * s0 * (1 - s0) + h11 * s1 * (1 - s1);
                softplusSum += h00 * SOFTPLUS[k] + h01 * SOFTPLUS[k + 1] + h10 * s0 + h11 * s1;
            } else { // |a| ≥ 16 (or NaN): the exact formulas with e = e^−|a|
                double e = SparseBinaryProducts.expNonPositive(a > 0 ? -a : a);
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
            count += LogisticDraws.draw(pre[j], uniforms[j]) ? 1 : 0;
        }
        return count;
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
