package org.ebm4j.api.sampling;

import java.util.Map;

/**
 * What one step of a kernel did, for diagnostics and cost accounting.
 *
 * @param step the step number (1 for the first step after init)
 * @param stepSize the step size used (NaN where the notion does not apply, as in Gibbs sampling)
 * @param acceptanceRate mean Metropolis acceptance probability over the chains; NaN for unadjusted kernels
 * @param gradientNorm mean over the chains of ‖∇ₓE‖₂ at the start of the step; NaN if no gradient was computed
 * @param meanEnergy mean energy over the chains at the end of the step (NaN if the kernel did not compute it)
 * @param gradientEvaluations gradient (or, for Gibbs, conditional) evaluations per chain spent by this step
 * @param extras kernel-specific figures (for example "swap_rate" of parallel tempering)
 */
public record StepInfo(long step, double stepSize, double acceptanceRate, double gradientNorm, double meanEnergy,
                       long gradientEvaluations, Map<String, Double> extras) {

    public StepInfo {
        extras = Map.copyOf(extras);
    }

    /** @return a StepInfo without extras. */
    public static StepInfo of(long step, double stepSize, double acceptanceRate, double gradientNorm,
                              double meanEnergy, long gradientEvaluations) {
        return new StepInfo(step, stepSize, acceptanceRate, gradientNorm, meanEnergy, gradientEvaluations, Map.of());
    }
}
