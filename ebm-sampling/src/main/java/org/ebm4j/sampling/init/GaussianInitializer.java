package org.ebm4j.sampling.init;

import org.ebm4j.api.config.Checks;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.ChainInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Chains start at independent N(mean, std²) draws in every coordinate.
 *
 * @param mean mean of every coordinate
 * @param std standard deviation, {@code > 0}
 * @param dataType element type of the arrays created
 */
public record GaussianInitializer(double mean, double std, DataType dataType) implements ChainInitializer {

    public GaussianInitializer {
        Checks.finite("gaussian initializer: mean", mean);
        Checks.positive("gaussian initializer: std", std);
    }

    @Override
    public INDArray initialize(int n, long[] sampleShape, RandomKey key) {
        INDArray x = Nd4j.createUninitialized(dataType, InitializerShapes.batchShape(n, sampleShape));
        try (Random rng = key.nd4jRandom()) {
            Nd4j.getExecutioner().exec(new GaussianDistribution(x, mean, std), rng);
        } catch (Exception e) {
            throw new IllegalStateException("closing the native random generator failed", e);
        }
        return x;
    }
}
