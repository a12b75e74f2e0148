package org.ebm4j.sampling.analytic;

import java.util.Set;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFactory;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.energy.EnergyGradient;
import org.ebm4j.api.energy.ExactSampler;
import org.ebm4j.api.energy.Normalized;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.sampling.chains.ChainArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The isotropic Gaussian N(m·1, σ²I) in dimension d: E(x) = ‖x − m‖² / (2σ²), ∇E = (x − m)/σ²,
 * log Z = (d/2) log(2πσ²). Evaluated with whole-batch tensor ops in the input's data type, so it also serves as a
 * high-dimensional target.
 */
public final class GaussianEnergy implements EnergyFunction, Normalized, ExactSampler {

    private final int dimension;
    private final double mean;
    private final double std;

    /**
     * @param dimension d, {@code >= 1}
     * @param mean m, the mean of every coordinate
     * @param std σ, {@code > 0}
     */
    public GaussianEnergy(int dimension, double mean, double std) {
        this.dimension = Checks.positive("gaussian: dim", dimension);
        this.mean = Checks.finite("gaussian: mean", mean);
        this.std = Checks.positive("gaussian: std", std);
    }

    @Override
    public long[] sampleShape() {
        return new long[] {dimension};
    }

    public double mean() {
        return mean;
    }

    public double std() {
        return std;
    }

    @Override
    public INDArray energy(INDArray x) {
        checkBatch("x", x);
        return ChainArrays.rowSquaredNorms(x.sub(mean)).muli(0.5 / (std * std));
    }

    @Override
    public EnergyGradient energyAndGradient(INDArray x) {
        INDArray e = Nd4j.create(x.dataType(), x.size(0));
        INDArray g = x.ulike();
        energyAndGradient(x, e, g);
        return new EnergyGradient(e, g);
    }

    @Override
    public void energyAndGradient(INDArray x, INDArray energyOut, INDArray gradientOut) {
        checkBatch("x", x);
        INDArray centred = gradientOut.assign(x).subi(mean);
        energyOut.assign(ChainArrays.rowSquaredNorms(centred).muli(0.5 / (std * std)));
        centred.divi(std * std);
    }

    @Override
    public double logPartition() {
        return 0.5 * dimension * Math.log(2 * Math.PI * std * std);
    }

    @Override
    public INDArray sampleExact(int n, RandomKey key) {
        Checks.positive("n", n);
        INDArray z = Nd4j.create(DataType.DOUBLE, n, dimension);
        return ChainArrays.fillGaussian(z, std, key).addi(mean);
    }

    /** Registered as "gaussian": keys dim (2), mean (0), std (1). */
    public static final class Factory implements EnergyFactory {
        @Override
        public EnergyFunction create(ComponentConfig config) {
            config.requireOnly(Set.of("dim", "mean", "std"));
            return new GaussianEnergy(config.getPositiveInt("dim", 2), config.getDouble("mean", 0),
                    config.getPositive("std", 1));
        }

        @Override
        public String description() {
            return "isotropic Gaussian N(mean, std^2 I) in dim dimensions; exact samples and log Z";
        }
    }
}
