package org.ebm4j.training.optim;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Checks shared by the optimisers. */
final class OptimizerSupport {

    private OptimizerSupport() {
    }

    /** @return the gradient of parameter {@code name}, after checking it exists and has the parameter's shape. */
    static INDArray gradientFor(String name, INDArray parameter, Map<String, INDArray> gradients) {
        INDArray g = gradients.get(name);
        if (g == null) {
            throw new IllegalArgumentException("gradients have no entry for parameter '" + name + "'; they have "
                    + gradients.keySet());
        }
        if (!Arrays.equals(g.shape(), parameter.shape())) {
            throw new IllegalArgumentException("gradient of '" + name + "' has shape " + Arrays.toString(g.shape())
                    + "; expected the parameter's shape " + Arrays.toString(parameter.shape()));
        }
        return g;
    }

    static long scalarStep(Map<String, INDArray> state) {
        INDArray step = state.get("step");
        if (step == null) {
            throw new IllegalArgumentException("optimizer state has no 'step'; it has " + state.keySet());
        }
        return step.getLong(0);
    }
}
