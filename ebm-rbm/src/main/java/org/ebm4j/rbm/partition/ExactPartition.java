package org.ebm4j.rbm.partition;

import org.ebm4j.api.config.Checks;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.model.BinaryStates;
import org.ebm4j.rbm.model.LogisticFunctions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Exact log partition function and exact expectations of a Bernoulli RBM by enumerating the smaller layer and summing
 * the other one out analytically, in double precision:
 *
 * <pre>
 * H ≤ V:  log Z = logsumexp_h [ cᵀh + Σ_i softplus(b_i + (W h)_i) ]     over h ∈ {0,1}^H
 * H &gt; V:  log Z = logsumexp_v [ −F(v) ]                                 over v ∈ {0,1}^V
 * </pre>
 *
 * <p>States are enumerated in batches of {@value #BATCH} rows, each one matrix product; the smaller layer may have at
 * most {@value #MAX_ENUMERATED_UNITS} units (2²⁵ ≈ 3.4·10⁷ states). The sum is accumulated as a running
 * log-sum-exp, so no term overflows.
 */
public final class ExactPartition {

    /** The most units of the enumerated layer. */
    public static final int MAX_ENUMERATED_UNITS = 25;
    private static final int BATCH = 1 << 14;

    private ExactPartition() {
    }

    /** @return log Z of {@code rbm}, in nats. */
    public static double logPartition(BernoulliRbm rbm) {
        return enumerate(rbm.castTo(DataType.DOUBLE), false).logZ;
    }

    /** @return the exact marginals E[v_i], shape {@code [V]} (double). */
    public static INDArray visibleMarginals(BernoulliRbm rbm) {
        return enumerate(rbm.castTo(DataType.DOUBLE), true).visibleMean;
    }

    /**
     * @param data shape {@code [n, V]}, binary
     * @return exact log p(v) = −F(v) − log Z per row, shape {@code [n]} (double, nats)
     */
    public static INDArray logLikelihood(BernoulliRbm rbm, INDArray data) {
        BernoulliRbm d = rbm.castTo(DataType.DOUBLE);
        return d.energy(data.castTo(DataType.DOUBLE)).negi().subi(logPartition(d));
    }

    private record Sums(double logZ, INDArray visibleMean) {
    }

    private static Sums enumerate(BernoulliRbm rbm, boolean marginals) {
        int v = rbm.visibleUnits();
        int h = rbm.hiddenUnits();
        boolean overHidden = h <= v;
        int units = Math.min(v, h);
        Checks.inRange("units of the smaller layer", units, 1, MAX_ENUMERATED_UNITS);
        long states = 1L << units;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        INDArray weightedMean = Nd4j.zeros(DataType.DOUBLE, v);
        for (long offset = 0; offset < states; offset += BATCH) {
            int rows = (int) Math.min(BATCH, states - offset);
            INDArray x = BinaryStates.range(offset, rows, units);
            INDArray logWeight;
            INDArray conditionalMean = null;
            if (overHidden) {
                INDArray visiblePre = rbm.visiblePreActivation(x);
                logWeight = LogisticFunctions.softplus(visiblePre).sum(1)
                        .addi(x.mmul(rbm.hiddenBias().reshape(-1, 1)).reshape(rows));
                if (marginals) {
                    conditionalMean = Transforms.sigmoid(visiblePre, false);
                }
            } else {
                logWeight = rbm.energy(x).negi();
                conditionalMean = x;
            }
            double batchMax = logWeight.maxNumber().doubleValue();
            double newMax = Math.max(max, batchMax);
            double scale = Math.exp(max - newMax);
            sum *= scale;
            weightedMean.muli(scale);
            INDArray w = Transforms.exp(logWeight.subi(newMax), false);
            sum += w.sumNumber().doubleValue();
            if (marginals) {
                weightedMean.addi(w.reshape(1, rows).mmul(conditionalMean).reshape(v));
            }
            max = newMax;
        }
        return new Sums(max + Math.log(sum), marginals ? weightedMean.divi(sum) : null);
    }
}
