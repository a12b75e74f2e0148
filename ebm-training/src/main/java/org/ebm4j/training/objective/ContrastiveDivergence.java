package org.ebm4j.training.objective;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.energy.ContrastiveDivergenceGradient;
import org.ebm4j.api.energy.ParametricEnergy;
import org.ebm4j.api.training.Objective;
import org.ebm4j.api.training.ObjectiveResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contrastive-divergence loss with an energy-magnitude regulariser (Du &amp; Mordatch 2019):
 *
 * <pre>L = mean E(x⁺) − mean E(x⁻) + α · mean(E(x⁺)² + E(x⁻)²)</pre>
 *
 * <p>Minimising it lowers the energy of data and raises that of model samples; its gradient is the
 * maximum-likelihood gradient when x⁻ are exact model samples. With α = 0 it is the CD-k / PCD objective of RBMs
 * (whose energy is the free energy). Reported terms: {@code cd} (the first two terms), {@code reg} (the bracket,
 * before α), {@code e_pos}, {@code e_neg}, {@code loss}.
 *
 * <p>Uses the model's fused {@link ContrastiveDivergenceGradient} when it has one; otherwise it computes energies
 * and then one vector–Jacobian product per batch with weights ∂L/∂Eᵢ = (±1 + 2αEᵢ)/n.
 */
public final class ContrastiveDivergence implements Objective {

    private final double alpha;

    /** @param alpha regulariser weight, {@code >= 0} (the reference recipe uses 0.1) */
    public ContrastiveDivergence(double alpha) {
        this.alpha = Checks.nonNegative("alpha", alpha);
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public ObjectiveResult evaluate(ParametricEnergy model, INDArray positive, INDArray negative) {
        model.checkBatch("positive", positive);
        model.checkBatch("negative", negative);
        return result(model instanceof ContrastiveDivergenceGradient fused
                ? fused.contrastiveGradient(positive, negative, alpha) : separately(model, positive, negative));
    }

    /** The loss from E and Σ wᵢ∇_θEᵢ of each batch, for models without a fused CD gradient. */
    private ContrastiveDivergenceGradient.Result separately(ParametricEnergy model, INDArray positive,
                                                            INDArray negative) {
        INDArray ePos = model.energy(positive);
        INDArray eNeg = model.energy(negative);
        Map<String, INDArray> gradients = model.parameterGradient(positive,
                ContrastiveDivergenceGradient.lossWeights(ePos, alpha, true));
        Map<String, INDArray> gNeg = model.parameterGradient(negative,
                ContrastiveDivergenceGradient.lossWeights(eNeg, alpha, false));
        for (Map.Entry<String, INDArray> e : gradients.entrySet()) {
            e.getValue().addi(gNeg.get(e.getKey()));
        }
        return ContrastiveDivergenceGradient.Result.of(ePos, eNeg, alpha, gradients);
    }

    private ObjectiveResult result(ContrastiveDivergenceGradient.Result r) {
        double cd = r.meanEnergyPositive() - r.meanEnergyNegative();
        double loss = cd + alpha * r.regularizer();
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put("loss", loss);
        terms.put("cd", cd);
        terms.put("reg", r.regularizer());
        terms.put("e_pos", r.meanEnergyPositive());
        terms.put("e_neg", r.meanEnergyNegative());
        return new ObjectiveResult(loss, terms, r.gradients());
    }
}
