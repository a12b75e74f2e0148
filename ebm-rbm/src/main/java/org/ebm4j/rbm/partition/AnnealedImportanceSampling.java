package org.ebm4j.rbm.partition;

import org.ebm4j.api.config.Checks;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.rbm.model.BernoulliDraws;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.model.LogisticFunctions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Annealed importance sampling of log Z for a Bernoulli RBM (Neal 2001; Salakhutdinov &amp; Murray 2008, "On the
 * quantitative analysis of deep belief networks", §4).
 *
 * <p>The base model A has visible biases b_A only (the base rates of the data) and H free hidden units, so
 * log Z_A = Σ_i softplus(b_A,i) + H log 2.
 * The intermediate distributions, for inverse temperatures 0 = β₀ &lt; β₁ &lt; … &lt; β_{K−1} = 1 spaced linearly, are
 *
 * <pre>log p*_k(v) = (1 − β_k) b_Aᵀv + β_k bᵀv + Σ_j softplus(β_k (c + vW)_j)</pre>
 *
 * <p>Each of the M independent runs starts from v ~ p_A, accumulates log w += log p*_k(v) − log p*_{k−1}(v), and then
 * moves v with one Gibbs step that leaves p_k invariant (h ~ σ(β_k(c + vW)), v ~ σ((1 − β_k) b_A + β_k(b + W h))).
 * All runs move together, one matrix product per step. Then Ẑ = Z_A · mean(w) and, with σ̂ the standard error of
 * mean(w), the reported interval is log(Ẑ ± 3σ̂) (computed relative to max log w, so nothing overflows). Like every
 * AIS estimate it is unbiased in Z but tends to underestimate log Z when K is too small; the interval says nothing
 * about that bias.
 */
public final class AnnealedImportanceSampling {

    private AnnealedImportanceSampling() {
    }

    /**
     * @param data training data whose marginals define the base rates, shape {@code [n, V]}
     * @return b_A = log(p̄ / (1 − p̄)) of the data marginals p̄, clipped to [1e-3, 1 − 1e-3] (double, shape {@code [V]})
     */
    public static INDArray baseRateBias(INDArray data) {
        return BernoulliRbm.logOdds(data.castTo(DataType.DOUBLE).mean(0), 1e-3);
    }

    /**
     * @param rbm the model (converted to double precision)
     * @param baseBias b_A, shape {@code [V]} (for example {@link #baseRateBias}); zeros give the uniform base
     * @param runs M, {@code >= 2}
     * @param temperatures K, the number of inverse temperatures including 0 and 1, {@code >= 2}
     * @param key randomness
     */
    public static AisEstimate estimate(BernoulliRbm rbm, INDArray baseBias, int runs, int temperatures,
                                       RandomKey key) {
        return estimate(rbm, baseBias, runs, temperatures, key, null);
    }

    /** Reports how far an AIS run has got: {@code done} of {@code total} temperatures. */
    @FunctionalInterface
    public interface Progress {
        void onTemperature(int done, int total);
    }

    /**
     * As {@link #estimate(BernoulliRbm, INDArray, int, int, RandomKey)}, calling {@code progress} (if not null) after
     * every hundredth temperature and after the last one.
     */
    public static AisEstimate estimate(BernoulliRbm rbm, INDArray baseBias, int runs, int temperatures,
                                       RandomKey key, Progress progress) {
        if (runs < 2) {
            throw new IllegalArgumentException("runs = " + runs + "; expected at least 2 (the error bars need two)");
        }
        if (temperatures < 2) {
            throw new IllegalArgumentException("temperatures = " + temperatures
                    + "; expected at least 2 (beta = 0 and beta = 1)");
        }
        BernoulliRbm model = rbm.castTo(DataType.DOUBLE);
        int v = model.visibleUnits();
        if (baseBias == null || baseBias.length() != v) {
            throw new IllegalArgumentException("baseBias has shape " + (baseBias == null ? "null"
                    : java.util.Arrays.toString(baseBias.shape())) + "; expected [" + v + "]");
        }
        INDArray bA = baseBias.castTo(DataType.DOUBLE).reshape(v);
        Checks.finite("baseBias", bA);
        // at β = 0 every hidden unit is a fair coin: Z_A = Π_i (1 + e^{b_A,i}) · 2^H
        double logZA = LogisticFunctions.softplus(bA).sumNumber().doubleValue()
                + model.hiddenUnits() * Math.log(2);
        INDArray biasDifference = model.visibleBias().sub(bA).reshape(v, 1);

        INDArray baseProbabilities = Transforms.sigmoid(bA, true).reshape(1, v).repeat(0, runs);
        INDArray visible = BernoulliDraws.sampleInPlace(baseProbabilities, key.fold("base"));
        INDArray logWeights = Nd4j.zeros(DataType.DOUBLE, runs);
        double previousBeta = 0;
        for (int k = 1; k < temperatures; k++) {
            double beta = (double) k / (temperatures - 1);
            INDArray a = model.hiddenPreActivation(visible);
            // log p*_k(v) − log p*_{k−1}(v) = (β_k − β_{k−1})(b − b_A)ᵀv + Σ_j [softplus(β_k a_j) − softplus(β_{k−1} a_j)]
            logWeights.addi(Nd4j.gemm(visible, biasDifference, false, false).reshape(runs).muli(beta - previousBeta))
                    .addi(LogisticFunctions.softplus(a.mul(beta)).sum(1))
                    .subi(LogisticFunctions.softplus(a.mul(previousBeta)).sum(1));
            if (k < temperatures - 1) {
                RandomKey stepKey = key.fold(k);
                INDArray hidden = BernoulliDraws.sampleInPlace(Transforms.sigmoid(a.muli(beta), false),
                        stepKey.fold("hidden"));
                INDArray visiblePre = Nd4j.gemm(hidden, model.weights(), false, true)
                        .addiRowVector(model.visibleBias()).muli(beta).addiRowVector(bA.mul(1 - beta));
                visible = BernoulliDraws.sampleInPlace(Transforms.sigmoid(visiblePre, false), stepKey.fold("visible"));
            }
            previousBeta = beta;
            if (progress != null && (k % 100 == 0 || k == temperatures - 1)) {
                progress.onTemperature(k + 1, temperatures);
            }
        }
        return summarise(logWeights.toDoubleVector(), logZA, temperatures);
    }

    private static AisEstimate summarise(double[] logWeights, double logZA, int temperatures) {
        int m = logWeights.length;
        double max = Double.NEGATIVE_INFINITY;
        for (double lw : logWeights) {
            max = Math.max(max, lw);
        }
        double sum = 0;
        double sumSquares = 0;
        for (double lw : logWeights) {
            double r = Math.exp(lw - max);
            sum += r;
            sumSquares += r * r;
        }
        double mean = sum / m;
        double variance = Math.max(0, (sumSquares - m * mean * mean) / (m - 1));
        double standardError = Math.sqrt(variance / m);
        double logMean = max + Math.log(mean);
        double lower = mean - 3 * standardError > 0 ? max + Math.log(mean - 3 * standardError)
                : Double.NEGATIVE_INFINITY;
        double upper = max + Math.log(mean + 3 * standardError);
        return new AisEstimate(logZA + logMean, logZA + lower, logZA + upper, logZA, m, temperatures,
                sum * sum / sumSquares);
    }
}
