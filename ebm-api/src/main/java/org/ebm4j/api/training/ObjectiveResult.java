package org.ebm4j.api.training;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * @param loss the scalar loss
 * @param terms its named parts, reported separately (for CD: "cd", "reg", "e_pos", "e_neg")
 * @param gradients ∂L/∂θ by parameter name
 */
public record ObjectiveResult(double loss, Map<String, Double> terms, Map<String, INDArray> gradients) {

    public ObjectiveResult {
        terms = Map.copyOf(terms);
    }
}
