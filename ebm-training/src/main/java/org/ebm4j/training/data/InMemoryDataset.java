package org.ebm4j.training.data;

import java.util.Arrays;
import java.util.Optional;
import org.ebm4j.api.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A {@link Dataset} over an array already in memory, shape {@code [n, ...sampleShape]}, with optional labels. */
public final class InMemoryDataset implements Dataset {

    private final String name;
    private final INDArray features;
    private final int[] labels;

    /**
     * @param name for reports
     * @param features shape {@code [n, ...]}, {@code n >= 1}
     * @param labels one per row, or null
     */
    public InMemoryDataset(String name, INDArray features, int[] labels) {
        if (features.rank() < 2 || features.size(0) < 1) {
            throw new IllegalArgumentException("features of '" + name + "' have shape "
                    + Arrays.toString(features.shape()) + "; expected [n, ...] with n >= 1");
        }
        if (labels != null && labels.length != features.size(0)) {
            throw new IllegalArgumentException("labels of '" + name + "' have length " + labels.length
                    + "; expected one per sample (" + features.size(0) + ")");
        }
        this.name = name;
        this.features = features;
        this.labels = labels == null ? null : labels.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long[] sampleShape() {
        return Arrays.copyOfRange(features.shape(), 1, features.rank());
    }

    @Override
    public int size() {
        return (int) features.size(0);
    }

    @Override
    public INDArray features(int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= size()) {
                throw new IllegalArgumentException("index " + i + " of dataset '" + name + "'; expected [0, "
                        + size() + ")");
            }
        }
        return Nd4j.pullRows(features.reshape(features.size(0), -1), 1, indices).reshape(batchShape(indices.length));
    }

    @Override
    public Optional<int[]> labels() {
        return Optional.ofNullable(labels == null ? null : labels.clone());
    }

    /** @return the whole feature array (not a copy). */
    public INDArray all() {
        return features;
    }

    private long[] batchShape(int n) {
        long[] shape = features.shape().clone();
        shape[0] = n;
        return shape;
    }
}
