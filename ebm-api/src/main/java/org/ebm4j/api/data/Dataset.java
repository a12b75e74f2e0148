package org.ebm4j.api.data;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A finite set of training or test states held in memory (MNIST, a folder of PNGs, a 2-D toy set). Registered by name
 * through {@link DatasetFactory}.
 */
public interface Dataset {

    /** @return a name for reports, for example "mnist/train". */
    String name();

    /** @return the shape of one state, for example {@code [1, 28, 28]}. */
    long[] sampleShape();

    /** @return the number of states. */
    int size();

    /**
     * @param indices which states, each in {@code [0, size())}
     * @return a new array of shape {@code [indices.length, ...sampleShape()]}
     */
    INDArray features(int[] indices);

    /** @return every state, in order: shape {@code [size(), ...sampleShape()]} */
    default INDArray allFeatures() {
        int[] all = new int[size()];
        java.util.Arrays.setAll(all, i -> i);
        return features(all);
    }

    /** @return class labels aligned with the states, if the set has them. */
    default Optional<int[]> labels() {
        return Optional.empty();
    }
}
