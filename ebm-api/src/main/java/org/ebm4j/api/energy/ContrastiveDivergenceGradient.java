package org.ebm4j.api.energy;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Optional capability of a {@link ParametricEnergy}: the contrastive-divergence loss and its parameter gradients in
 * one evaluation,
 *
 * <pre>L = mean E(x⁺) − mean E(x⁻) + α · mean(E(x⁺)² + E(x⁻)²)</pre>
 *
 * <p>(Du &amp; Mordatch 2019). Objectives use it when present and fall back to
 * {@link ParametricEnergy#parameterGradient} otherwise; the two agree up to rounding.
 */
public interface ContrastiveDivergenceGradient {

    /**
     * @param positive data states, shape {@code [n, ...]}
     * @param negative model samples, shape {@code [m, ...]}
     * @param alpha weight of the energy-magnitude regulariser, {@code >= 0}
     */
    Result contrastiveGradient(INDArray positive, INDArray negative, double alpha);

    /**
     * @param meanEnergyPositive mean E(x⁺)
     * @param meanEnergyNegative mean E(x⁻)
     * @param regularizer mean(E(x⁺)² + E(x⁻)²), before multiplying by α
     * @param loss the total loss
     * @param gradients ∂L/∂θ by parameter name
     */
    record Result(double meanEnergyPositive, double meanEnergyNegative, double regularizer, double loss,
                  Map<String, INDArray> gradients) {

        /**
         * The loss terms of the energies of both batches, with the gradients computed for them.
         *
         * @param positive E(x⁺), shape {@code [n]}
         * @param negative E(x⁻), shape {@code [m]}
         */
        public static Result of(INDArray positive, INDArray negative, double alpha, Map<String, INDArray> gradients) {
            double meanPos = positive.meanNumber().doubleValue();
            double meanNeg = negative.meanNumber().doubleValue();
            double reg = positive.mul(positive).meanNumber().doubleValue()
                    + negative.mul(negative).meanNumber().doubleValue();
            return new Result(meanPos, meanNeg, reg, meanPos - meanNeg + alpha * reg, gradients);
        }
    }

    /**
     * ∂L/∂E per sample: (1 + 2αE(x⁺ᵢ))/n for the data batch, (−1 + 2αE(x⁻ⱼ))/m for the model samples.
     *
     * @param energies the energies of one batch, shape {@code [n]}
     * @param positive whether they are the data batch's
     * @return a new array of the energies' data type
     */
    static INDArray lossWeights(INDArray energies, double alpha, boolean positive) {
        INDArray w = energies.mul(2 * alpha);
        return (positive ? w.addi(1) : w.subi(1)).divi(energies.length());
    }
}
