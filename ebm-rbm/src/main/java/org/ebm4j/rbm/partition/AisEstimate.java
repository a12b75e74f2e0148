package org.ebm4j.rbm.partition;

/**
 * An annealed-importance-sampling estimate of log Z.
 *
 * @param logPartition log Ẑ = log Z_A + log mean(w), in nats
 * @param lower log(Ẑ − 3σ̂), or −∞ when the interval reaches zero
 * @param upper log(Ẑ + 3σ̂)
 * @param logBasePartition log Z_A of the base-rate model
 * @param runs number of independent AIS runs M
 * @param temperatures number of inverse temperatures K (β₀ = 0 … β_{K−1} = 1)
 * @param effectiveSampleSize (Σw)² / Σw², between 1 and M
 */
public record AisEstimate(double logPartition, double lower, double upper, double logBasePartition, int runs,
                          int temperatures, double effectiveSampleSize) {

    /** @return true if {@code logZ} lies within [lower − slack, upper + slack]. */
    public boolean contains(double logZ, double slack) {
        return logZ >= lower - slack && logZ <= upper + slack;
    }
}
