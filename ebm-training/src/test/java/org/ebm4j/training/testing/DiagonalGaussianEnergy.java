package org.ebm4j.training.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.energy.EnergyGradient;
import org.ebm4j.api.energy.ParametricEnergy;
import org.ebm4j.api.io.TensorArchive;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Test fixture: E(x) = ½ Σ_d e^{−2 s_d} (x_d − μ_d)², a diagonal Gaussian with parameters μ (mean) and s (log std).
 * Maximum likelihood sets μ to the data mean and e^s to the data std, which makes it a ground truth for training
 * loops. ∂E/∂μ = −e^{−2s}(x − μ), ∂E/∂s = −e^{−2s}(x − μ)².
 */
public class DiagonalGaussianEnergy implements ParametricEnergy {

    private final Map<String, INDArray> parameters = new LinkedHashMap<>();

    public DiagonalGaussianEnergy(int dimension) {
        parameters.put("mu", Nd4j.zeros(DataType.DOUBLE, 1, dimension));
        parameters.put("log_std", Nd4j.zeros(DataType.DOUBLE, 1, dimension));
    }

    public INDArray mean() {
        return parameters.get("mu");
    }

    public INDArray std() {
        return Transforms.exp(parameters.get("log_std"), true);
    }

    @Override
    public long[] sampleShape() {
        return new long[] {parameters.get("mu").size(1)};
    }

    private INDArray precision() {
        return Transforms.exp(parameters.get("log_std").mul(-2), false);
    }

    @Override
    public INDArray energy(INDArray x) {
        checkBatch("x", x);
        INDArray d = x.subRowVector(mean());
        return d.mul(d).muliRowVector(precision()).sum(1).muli(0.5);
    }

    @Override
    public EnergyGradient energyAndGradient(INDArray x) {
        INDArray d = x.subRowVector(mean());
        return new EnergyGradient(energy(x), d.mulRowVector(precision()));
    }

    @Override
    public Map<String, INDArray> parameterGradient(INDArray x, INDArray energyWeights) {
        INDArray d = x.subRowVector(mean());
        INDArray w = energyWeights.reshape(-1, 1);
        INDArray prec = precision();
        Map<String, INDArray> g = new LinkedHashMap<>();
        g.put("mu", d.mulRowVector(prec).muliColumnVector(w).sum(true, 0).negi());
        g.put("log_std", d.mul(d).muliRowVector(prec).muliColumnVector(w).sum(true, 0).negi());
        return g;
    }

    @Override
    public Map<String, INDArray> parameters() {
        return parameters;
    }

    @Override
    public String architecture() {
        return "diagonal-gaussian d=" + sampleShape()[0];
    }

    @Override
    public void save(Path file) throws java.io.IOException {
        TensorArchive.write(file, Map.of("architecture", architecture()), parameters);
    }
}
