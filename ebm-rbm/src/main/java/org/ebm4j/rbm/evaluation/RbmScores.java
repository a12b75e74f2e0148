package org.ebm4j.rbm.evaluation;

import java.util.SplittableRandom;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.model.LogisticFunctions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Cheap quality measures of a Bernoulli RBM on binary data, all computed in double precision. */
public final class RbmScores {

    private RbmScores() {
    }

    /**
     * The stochastic pseudo-log-likelihood that scikit-learn's {@code BernoulliRBM.score_samples} reports: for each row
     * one bit i is drawn uniformly and flipped (giving ṽ), and the score is V · log σ(F(ṽ) − F(v)) = V · log p(v_i |
     * v_−i). Its expectation over i is the full pseudo-log-likelihood Σ_i log p(v_i | v_−i), but a single draw is
     * noisy: average over many rows. The bits come from {@code key}, so scores are comparable with sklearn's in
     * distribution, not row by row.
     *
     * @param data binary rows, shape {@code [n, V]}
     * @return per-row scores, shape {@code [n]} (nats)
     */
    public static INDArray pseudoLogLikelihood(BernoulliRbm rbm, INDArray data, RandomKey key) {
        BernoulliRbm model = rbm.castTo(DataType.DOUBLE);
        INDArray v = checkData(model, data);
        int n = (int) v.size(0);
        int units = model.visibleUnits();
        INDArray flipped = v.dup();
        SplittableRandom rng = key.javaRandom();
        for (int r = 0; r < n; r++) {
            int i = rng.nextInt(units);
            flipped.putScalar(r, i, 1 - flipped.getDouble(r, i));
        }
        // log σ(x) = −softplus(−x), with x = F(ṽ) − F(v)
        INDArray x = model.energy(flipped).subi(model.energy(v));
        return LogisticFunctions.softplus(x.negi()).negi().muli(units);
    }

    /**
     * The mean squared reconstruction error per row, Σ_i (v_i − v̂_i)² with v̂ = E[v | h = E[h | v]] (one
     * deterministic mean-field up-down pass), averaged over rows.
     *
     * @param data shape {@code [n, V]}
     */
    public static double reconstructionError(BernoulliRbm rbm, INDArray data) {
        BernoulliRbm model = rbm.castTo(DataType.DOUBLE);
        INDArray v = checkData(model, data);
        INDArray reconstruction = model.visibleMean(model.hiddenMean(v, 1.0), 1.0);
        INDArray diff = reconstruction.subi(v);
        return diff.muli(diff).sum(1).meanNumber().doubleValue();
    }

    /** @return the mean free energy of the rows of {@code x} (data, or model samples), in nats. */
    public static double meanFreeEnergy(BernoulliRbm rbm, INDArray x) {
        BernoulliRbm model = rbm.castTo(DataType.DOUBLE);
        return model.energy(checkData(model, x)).meanNumber().doubleValue();
    }

    /**
     * @param logPartition log Z (exact, or an AIS estimate)
     * @return the mean log-likelihood −F(v) − log Z over the rows, in nats
     */
    public static double meanLogLikelihood(BernoulliRbm rbm, INDArray data, double logPartition) {
        Checks.finite("logPartition", logPartition);
        return -meanFreeEnergy(rbm, data) - logPartition;
    }

    private static INDArray checkData(BernoulliRbm model, INDArray data) {
        model.checkBatch("data", data);
        return data.castTo(DataType.DOUBLE);
    }
}
