package org.ebm4j.bench.cli;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.Set;
import java.util.SplittableRandom;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.data.DatasetFactory;
import org.ebm4j.training.data.InMemoryDataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dataset with MNIST's configuration keys but 4×4 binary images (noisy copies of three patterns), registered as
 * {@code synthetic-binary} so the RBM commands are tested without MNIST files.
 */
public final class SyntheticBinaryDataModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, DatasetFactory.class)
                .addBinding("synthetic-binary").toInstance(new Factory());
    }

    static final class Factory implements DatasetFactory {
        @Override
        public Dataset open(ComponentConfig config) {
            config.requireOnly(Set.of("dir", "split", "limit", "scale", "flatten"));
            String split = config.getString("split", "train");
            int n = split.equals("train") ? 200 : 60;
            n = Math.min(n, config.getInt("limit", n));
            SplittableRandom rng = new SplittableRandom(split.equals("train") ? 1 : 2);
            int[][] patterns = {{1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0},
                {1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0}, {1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1}};
            float[] rows = new float[n * 16];
            for (int r = 0; r < n; r++) {
                int[] p = patterns[rng.nextInt(3)];
                for (int i = 0; i < 16; i++) {
                    rows[r * 16 + i] = rng.nextDouble() < 0.05 ? 1 - p[i] : p[i];
                }
            }
            return new InMemoryDataset("synthetic/" + split, Nd4j.create(rows, new long[] {n, 16}, 'c')
                    .castTo(DataType.FLOAT), null);
        }

        @Override
        public String description() {
            return "4x4 binary test images (three patterns, 5% noise)";
        }
    }
}
