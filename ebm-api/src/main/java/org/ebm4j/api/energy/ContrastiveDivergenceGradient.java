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
    }
}
