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
        if (model instanceof ContrastiveDivergenceGradient fused) {
            ContrastiveDivergenceGradient.Result r = fused.contrastiveGradient(positive, negative, alpha);
            return result(r.meanEnergyPositive(), r.meanEnergyNegative(), r.regularizer(), r.gradients());
        }
        INDArray ePos = model.energy(positive);
        INDArray eNeg = model.energy(negative);
        double meanPos = ePos.meanNumber().doubleValue();
        double meanNeg = eNeg.meanNumber().doubleValue();
        double reg = ePos.mul(ePos).meanNumber().doubleValue() + eNeg.mul(eNeg).meanNumber().doubleValue();
        // dL/dE+_i = (1 + 2 alpha E+_i) / n ;  dL/dE-_j = (-1 + 2 alpha E-_j) / m
        INDArray wPos = ePos.mul(2 * alpha).addi(1).divi(ePos.length());
        INDArray wNeg = eNeg.mul(2 * alpha).subi(1).divi(eNeg.length());
        Map<String, INDArray> gradients = model.parameterGradient(positive, wPos);
        Map<String, INDArray> gNeg = model.parameterGradient(negative, wNeg);
        for (Map.Entry<String, INDArray> e : gradients.entrySet()) {
            e.getValue().addi(gNeg.get(e.getKey()));
        }
        return result(meanPos, meanNeg, reg, gradients);
    }

    private ObjectiveResult result(double meanPos, double meanNeg, double reg, Map<String, INDArray> gradients) {
        double cd = meanPos - meanNeg;
        double loss = cd + alpha * reg;
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put("loss", loss);
        terms.put("cd", cd);
        terms.put("reg", reg);
        terms.put("e_pos", meanPos);
        terms.put("e_neg", meanNeg);
        return new ObjectiveResult(loss, terms, gradients);
    }
}
