package org.ebm4j.sampling.init;

import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.ChainInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Chains start at independent U(low, high) draws in every coordinate; U(−1, 1) is where the reference recipe
 * starts fresh image chains.
 *
 * @param low lower bound
 * @param high upper bound, {@code > low}
 * @param dataType element type of the arrays created
 */
public record UniformInitializer(double low, double high, DataType dataType) implements ChainInitializer {

    public UniformInitializer {
        if (!(high > low) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("uniform initializer: low = " + low + ", high = " + high
                    + "; expected finite low < high");
        }
    }

    @Override
    public INDArray initialize(int n, long[] sampleShape, RandomKey key) {
        INDArray x = Nd4j.createUninitialized(dataType, InitializerShapes.batchShape(n, sampleShape));
        try (Random rng = key.nd4jRandom()) {
            Nd4j.getExecutioner().exec(new UniformDistribution(x, low, high), rng);
        } catch (Exception e) {
            throw new IllegalStateException("closing the native random generator failed", e);
        }
        return x;
    }
}
