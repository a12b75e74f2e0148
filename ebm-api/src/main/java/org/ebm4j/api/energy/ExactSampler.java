package org.ebm4j.api.energy;

import org.ebm4j.api.random.RandomKey;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Optional capability of an energy with a tractable distribution: exact, independent samples from p(x) ∝ exp(−E(x)). */
public interface ExactSampler {

    /**
     * @param n how many samples
     * @param key randomness
     * @return shape {@code [n, ...sampleShape]}
     */
    INDArray sampleExact(int n, RandomKey key);
}
