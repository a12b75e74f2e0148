package org.ebm4j.api.energy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An energy E_θ(x) with trainable parameters θ: neural energies, RBMs (whose energy is the free energy of the
 * visible units), Boltzmann machines.
 *
 * <p>Training needs gradients of a scalar loss built from energies. By the chain rule, for any such loss L the
 * parameter gradient is Σᵢ (∂L/∂Eᵢ) ∇_θ E(xᵢ), so one vector–Jacobian product, {@link #parameterGradient}, serves
 * every objective. Implementations that can fuse a whole objective into one evaluation also implement a capability
 * interface such as {@link ContrastiveDivergenceGradient}.
 */
public interface ParametricEnergy extends EnergyFunction {

    /**
     * @return the parameters by name, in a stable order. The arrays are the live parameters: optimisers update them in
     *     place, checkpoints read and restore them.
     */
    Map<String, INDArray> parameters();

    /**
     * The vector–Jacobian product Σᵢ wᵢ ∇_θ E(xᵢ).
     *
     * @param x states, shape {@code [n, ...sampleShape()]}
     * @param energyWeights wᵢ = ∂L/∂Eᵢ, shape {@code [n]}
     * @return one gradient per parameter, same names and shapes as {@link #parameters()}
     */
    Map<String, INDArray> parameterGradient(INDArray x, INDArray energyWeights);

    /** @return the total number of scalar parameters. */
    default long parameterCount() {
        long count = 0;
        for (INDArray p : parameters().values()) {
            count += p.length();
        }
        return count;
    }

    /** @return a one-line description of the architecture (layer sizes, activations). */
    String architecture();

    /**
     * Writes the architecture and the parameters to {@code file} in the implementation's documented, versioned
     * format (never Java serialisation), atomically.
     */
    void save(Path file) throws IOException;
}
