package org.ebm4j.sampling.adaptation;

/**
 * The dual-averaging state of Nesterov (2009) as used for step sizes by Hoffman &amp; Gelman (2014, Algorithm 5):
 * after iteration t with acceptance statistic α_t,
 * <pre>
 *   H̄_t = (1 − 1/(t + t₀)) H̄_{t−1} + (δ − α_t)/(t + t₀)
 *   log ε_t = μ − √t/γ · H̄_t
 *   log ε̄_t = t^(−κ) log ε_t + (1 − t^(−κ)) log ε̄_{t−1}
 * </pre>
 * with μ = log(10 ε₀), γ = 0.05, t₀ = 10, κ = 0.75. ε_t is used during warm-up, ε̄ afterwards.
 *
 * @param iteration t, the number of updates made
 * @param logStepSize log ε_t
 * @param logAveragedStepSize log ε̄_t
 * @param averagedError H̄_t
 * @param mu μ
 */
public record DualAveraging(long iteration, double logStepSize, double logAveragedStepSize, double averagedError,
                            double mu) {

    static final double GAMMA = 0.05;
    static final double T0 = 10;
    static final double KAPPA = 0.75;

    /** @return the state before any update, for initial step size {@code stepSize}. */
    public static DualAveraging start(double stepSize) {
        return new DualAveraging(0, Math.log(stepSize), 0.0, 0.0, Math.log(10 * stepSize));
    }

    /** @return the state after observing acceptance statistic {@code acceptance} with target {@code target}. */
    public DualAveraging update(double acceptance, double target) {
        // A NaN acceptance (every chain diverged) counts as 0: shrink the step.
        double alpha = Double.isNaN(acceptance) ? 0.0 : acceptance;
        long t = iteration + 1;
        double h = (1 - 1 / (t + T0)) * averagedError + (target - alpha) / (t + T0);
        double logEps = mu - Math.sqrt(t) / GAMMA * h;
        double weight = Math.pow(t, -KAPPA);
        double logBar = weight * logEps + (1 - weight) * logAveragedStepSize;
        return new DualAveraging(t, logEps, logBar, h, mu);
    }

    public double stepSize() {
        return Math.exp(logStepSize);
    }

    public double averagedStepSize() {
        return Math.exp(logAveragedStepSize);
    }
}
