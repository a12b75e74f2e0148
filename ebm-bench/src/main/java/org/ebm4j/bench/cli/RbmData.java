package org.ebm4j.bench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Opens binary data for the RBM commands through the dataset registry ({@code mnist} by default) with
 * {@code scale=binary} (pixel &gt; 127 → 1) and {@code flatten=true}, so every row is a vector of 0/1 values.
 */
public final class RbmData {

    private RbmData() {
    }

    /**
     * @param name the registered dataset
     * @param dir the data folder, or null for the dataset's default
     * @param split "train" or "test"
     * @param limit the first this many rows, or {@code <= 0} for all
     */
    public static Dataset open(ComponentRegistry registry, String name, Path dir, String split, int limit)
            throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        if (dir != null) {
            config.put("dir", dir.toString());
        }
        config.put("split", split);
        if (limit > 0) {
            config.put("limit", limit);
        }
        config.put("scale", "binary");
        config.put("flatten", "true");
        Dataset data = registry.datasets().get(name).open(ComponentConfig.of("dataset '" + name + "'", config));
        if (data.sampleShape().length != 1) {
            throw new IllegalArgumentException("dataset '" + name + "' has sample shape "
                    + Arrays.toString(data.sampleShape()) + "; expected flat rows [visible] (flatten=true)");
        }
        return data;
    }
}
