package org.ebm4j.api.sampling;

import org.ebm4j.api.random.RandomKey;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where chains start: uniform noise, data, a Gaussian, persistent chains. Registered by name through
 * {@link ChainInitializerFactory}.
 */
public interface ChainInitializer {

    /**
     * @param n number of chains
     * @param sampleShape shape of one state
     * @param key randomness
     * @return initial positions, shape {@code [n, ...sampleShape]} (a new array the caller owns)
     */
    INDArray initialize(int n, long[] sampleShape, RandomKey key);
}
