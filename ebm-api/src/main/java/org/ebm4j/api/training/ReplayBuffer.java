package org.ebm4j.api.training;

import org.ebm4j.api.random.RandomKey;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where the negative phase's chains start: a replay buffer of earlier samples (Du &amp; Mordatch 2019), persistent
 * chains (Tieleman 2008), or fresh noise. Registered by name through {@link ReplayBufferFactory}.
 *
 * <p>A buffer is mutable state of a training run; it is saved in checkpoints through {@link #snapshot()} and
 * {@link #restore(INDArray)}.
 */
public interface ReplayBuffer {

    /**
     * Draws starting points for {@code n} chains: a fraction of fresh samples (from the buffer's noise distribution)
     * and the rest from the stored samples, as the implementation documents.
     *
     * @return shape {@code [n, ...sampleShape]}, a new array the caller owns
     */
    INDArray draw(int n, RandomKey key);

    /** Stores {@code samples} (shape {@code [k, ...sampleShape]}), newest first, evicting the oldest beyond capacity. */
    void add(INDArray samples);

    /** @return how many samples are stored. */
    int size();

    /** @return the most samples the buffer keeps. */
    int capacity();

    /** @return a copy of the stored samples, newest first, shape {@code [size(), ...sampleShape]} (empty if none). */
    INDArray snapshot();

    /** Replaces the contents with {@code samples} (as returned by {@link #snapshot()}). */
    void restore(INDArray samples);
}
