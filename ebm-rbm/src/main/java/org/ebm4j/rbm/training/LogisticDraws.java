package org.ebm4j.rbm.training;

/**
 * Exact Bernoulli(σ(a)) draws that rarely evaluate σ: σ is increasing, so for a in a cell [a_k, a_k+1] of a fixed
 * grid, a uniform u &lt; σ(a_k) means 1 and u ≥ σ(a_k+1) means 0 without computing σ(a); only u between the two
 * (probability σ(a_k+1) − σ(a_k) ≤ δ/4 = 1/128 with cells of width δ = 1/32) needs the exponential. Below −16 the
 * bounds are [0, σ(−16)), above 16 [σ(16), 1]. The draw is exactly "u &lt; σ(a)" with σ in double precision.
 */
final class LogisticDraws {

    private static final double RANGE = 16;
    private static final double CELLS_PER_UNIT = 32;
    private static final int CELLS = (int) (2 * RANGE * CELLS_PER_UNIT);
    /** σ(a) ∈ [BOUNDS[c], BOUNDS[c + 1]) for a in cell c: 0 below −16, then the grid's cells, then 16 and above. */
    private static final double[] BOUNDS = new double[CELLS + 3];

    static {
        for (int k = 0; k <= CELLS; k++) {
            BOUNDS[k + 1] = sigmoid(-RANGE + k / CELLS_PER_UNIT);
        }
        BOUNDS[CELLS + 2] = 1;
    }

    private LogisticDraws() {
    }

    static double sigmoid(double a) {
        return 1.0 / (1.0 + Math.exp(-a));
    }

    /**
     * @param a the pre-activation (NaN draws 0; the trainer has rejected non-finite parameters before)
     * @param u a uniform draw in [0, 1)
     * @return whether u &lt; σ(a)
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
}
