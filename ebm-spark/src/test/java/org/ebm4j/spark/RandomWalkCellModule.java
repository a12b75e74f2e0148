package org.ebm4j.spark;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.ebm4j.bench.suite.Cell;
import org.ebm4j.bench.suite.CellResult;
import org.ebm4j.bench.suite.CellRunner;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Test cells that do seeded ND4J work: a Gaussian random walk of {@code steps} steps in {@code dim} dimensions;
 * metrics are its end point's norm and mean. The choice "broken" always throws.
 */
public final class RandomWalkCellModule extends AbstractModule {

    static final class RandomWalk implements CellRunner {
        @Override
        public Outcome run(Cell cell, ComponentRegistry registry) {
            if (cell.axis("walk").name().equals("broken")) {
                throw new IllegalStateException("this cell always fails");
            }
            int dim = Integer.parseInt(cell.axis("walk").params().getOrDefault("dim", "8"));
            int steps = Integer.parseInt(cell.settings().getOrDefault("steps", "50"));
            INDArray x = Nd4j.zeros(DataType.DOUBLE, dim);
            RandomKey key = RandomKey.of(cell.seed());
            for (int t = 0; t < steps; t++) {
                x.addi(Nd4j.randn(key.fold(t).nd4jRandom(), dim).castTo(DataType.DOUBLE));
            }
            return new Outcome(Map.of("norm", x.norm2Number().doubleValue(), "mean", x.meanNumber().doubleValue()),
                    Map.of());
        }

        @Override
        public String report(List<CellResult> results, Path dir) {
            return "random walks: " + results.size() + "\n";
        }

        @Override
        public String description() {
            return "seeded Gaussian random walks (test)";
        }
    }

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, CellRunner.class)
                .addBinding("test-random-walk").to(RandomWalk.class);
    }
}
