package org.ebm4j.rbm.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.energy.ParametricEnergy;
import org.ebm4j.api.training.Objective;
import org.ebm4j.api.training.ObjectiveResult;
import org.ebm4j.rbm.model.RestrictedBoltzmannMachine;
import org.ebm4j.training.objective.StatefulObjective;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adds a sparsity target to an RBM objective (Hinton 2010, "A practical guide to training RBMs", §11; Lee et al.
 * 2008): the running mean of the hidden activations on data,
 *
 * <pre>q ← decay · q + (1 − decay) · mean_batch E[h | v⁺]     (q starts at the first batch's mean)</pre>
 *
 * is pushed towards the target p by adding cost · (q − p) to the gradient of the hidden biases {@code b_hidden}
 * (the derivative of the cross-entropy penalty with respect to each hidden unit's total input). The weights are left
 * to the objective, as in Lee et al. Reported term: {@code hidden_mean}, the mean of q over the hidden units. q is part
 * of checkpoints ({@link StatefulObjective}).
 */
public final class SparsityPenalty implements Objective, StatefulObjective {

    private static final String HIDDEN_BIAS = "b_hidden";

    private final Objective objective;
    private final RbmTraining.Sparsity sparsity;
    private INDArray runningMean;

    /**
     * @param objective the objective whose gradient is penalised (CD with α = 0 for RBMs)
     * @param sparsity target, cost and decay
     */
    public SparsityPenalty(Objective objective, RbmTraining.Sparsity sparsity) {
        if (objective == null || sparsity == null) {
            throw new IllegalArgumentException("objective = " + objective + ", sparsity = " + sparsity
                    + "; expected both");
        }
        this.objective = objective;
        this.sparsity = sparsity;
    }

    @Override
    public ObjectiveResult evaluate(ParametricEnergy model, INDArray positive, INDArray negative) {
        if (!(model instanceof RestrictedBoltzmannMachine rbm)) {
            throw new IllegalArgumentException("model = " + model.architecture()
                    + "; a sparsity target needs a RestrictedBoltzmannMachine");
        }
        ObjectiveResult result = objective.evaluate(model, positive, negative);
        INDArray hiddenBiasGradient = result.gradients().get(HIDDEN_BIAS);
        if (hiddenBiasGradient == null) {
            throw new IllegalArgumentException("gradients " + result.gradients().keySet() + " have no '" + HIDDEN_BIAS
                    + "'; expected an RBM with hidden biases");
        }
        INDArray batchMean = rbm.hiddenMean(positive, 1.0).castTo(DataType.DOUBLE).mean(0);
        runningMean = runningMean == null ? batchMean
                : runningMean.muli(sparsity.decay()).addi(batchMean.muli(1 - sparsity.decay()));
        INDArray penalty = runningMean.sub(sparsity.target()).muli(sparsity.cost());
        hiddenBiasGradient.addi(penalty.castTo(hiddenBiasGradient.dataType()).reshape(hiddenBiasGradient.shape()));
        Map<String, Double> terms = new LinkedHashMap<>(result.terms());
        terms.put("hidden_mean", runningMean.meanNumber().doubleValue());
        return new ObjectiveResult(result.loss(), terms, result.gradients());
    }

    /** @return a copy of q, shape {@code [H]}, or null before the first evaluation. */
    public INDArray runningMean() {
        return runningMean == null ? null : runningMean.dup();
    }

    @Override
    public Map<String, INDArray> state() {
        return runningMean == null ? Map.of() : Map.of("hidden_mean", runningMean.dup());
    }

    @Override
    public void restore(Map<String, INDArray> state) {
        INDArray q = state.get("hidden_mean");
        runningMean = q == null ? null : q.castTo(DataType.DOUBLE).dup();
    }
}
