package org.ebm4j.bench.suite;

import java.util.Map;
import org.ebm4j.api.registry.NamedComponents;
import org.ebm4j.bench.registry.ComponentRegistry;

/**
 * Runs single cells with the runner registered for their kind, turning exceptions into failed results. Engines call
 * this in whatever JVM a cell lands in; each such JVM builds its own registry once.
 */
public final class CellExecutor {

    private final ComponentRegistry registry;
    private final NamedComponents<CellRunner> runners;

    public CellExecutor(ComponentRegistry registry) {
        this.registry = registry;
        this.runners = registry.components(CellRunner.class);
    }

    /** @return the runner for {@code kind}; fails listing the known kinds. */
    public CellRunner runner(String kind) {
        return runners.get(kind);
    }

    /** Runs {@code cell} once; never throws for a failure of the cell itself. */
    public CellResult execute(Cell cell) {
        long t0 = System.nanoTime();
        try {
            CellRunner.Outcome outcome = runner(cell.kind()).run(cell, registry);
            Map<String, Double> metrics = new java.util.TreeMap<>(outcome.metrics());
            metrics.putIfAbsent("wall_seconds", (System.nanoTime() - t0) / 1e9);
            return new CellResult(cell.id(), cell, CellResult.OK, metrics, outcome.series(),
                    Provenance.environment(), "", 1);
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            return new CellResult(cell.id(), cell, CellResult.FAILED,
                    Map.of("wall_seconds", (System.nanoTime() - t0) / 1e9), Map.of(), Provenance.environment(),
                    e.getClass().getSimpleName() + ": " + e.getMessage(), 1);
        }
    }

    public ComponentRegistry registry() {
        return registry;
    }
}
