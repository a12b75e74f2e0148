package org.ebm4j.rbm.boltzmann;

import java.util.Arrays;
import org.ebm4j.api.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The positive phase of Boltzmann-machine learning as a {@link Dataset}: each row v of the underlying data is
 * completed to a joint state [v, μ(v)] with the machine's current mean-field posterior μ (Salakhutdinov &amp; Hinton
 * 2009). With it the shared trainer's CD objective gives the mean-field learning rule: for W, −⟨v μᵀ⟩_data +
 * ⟨v hᵀ⟩_model (with E_q[h_i h_j] ≈ μ_i μ_j for J), because the energy is linear in each parameter.
 */
public final class MeanFieldCompletion implements Dataset {

    private final Dataset visible;
    private final BoltzmannMachine model;
    private final int iterations;
    private final double damping;

    /**
     * @param visible binary rows {@code [n, V]}
     * @param model the machine being trained (its current parameters are used at every call)
     * @param iterations mean-field iterations per completion, {@code >= 1}
     * @param damping in [0, 1)
     */
    public MeanFieldCompletion(Dataset visible, BoltzmannMachine model, int iterations, double damping) {
        if (!Arrays.equals(visible.sampleShape(), new long[] {model.visibleUnits()})) {
            throw new IllegalArgumentException("data '" + visible.name() + "' has sample shape "
                    + Arrays.toString(visible.sampleShape()) + "; expected [" + model.visibleUnits() + "]");
        }
        this.visible = visible;
        this.model = model;
        this.iterations = org.ebm4j.api.config.Checks.positive("iterations", iterations);
        this.damping = org.ebm4j.api.config.Checks.inRange("damping", damping, 0, 0.999);
    }

    @Override
    public String name() {
        return visible.name() + "+mean-field";
    }

    @Override
    public long[] sampleShape() {
        return model.sampleShape();
    }

    @Override
    public int size() {
        return visible.size();
    }

    @Override
    public INDArray features(int[] indices) {
        INDArray v = visible.features(indices);
        INDArray mu = model.meanField(v, iterations, damping);
        return Nd4j.concat(1, v.castTo(mu.dataType()), mu);
    }
}
