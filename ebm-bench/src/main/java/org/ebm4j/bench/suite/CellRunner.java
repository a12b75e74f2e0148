package org.ebm4j.bench.suite;

import java.util.List;
import java.util.Map;
import org.ebm4j.api.registry.Described;
import org.ebm4j.bench.registry.ComponentRegistry;

/**
 * Runs the cells of one kind ("sampler", "rbm", "ebm-training"): looks up the cell's components by name, runs them
 * within the cell's budget, and measures. Registered by kind through a {@code MapBinder<String, CellRunner>}.
 * Implementations are stateless: the same runner serves every cell, in-process or in a Spark executor.
 */
public interface CellRunner extends Described {

    /**
     * @return the cell's metrics and series; thrown exceptions are recorded by the engine as a failed cell
     */
    Outcome run(Cell cell, ComponentRegistry registry) throws Exception;

    /**
     * Writes this kind's part of a report: Markdown text (tables, image links) and any PNGs into {@code dir}.
     *
     * @param results the suite's results (finished and failed)
     */
    String report(List<CellResult> results, java.nio.file.Path dir) throws java.io.IOException;

    /**
     * @param metrics named scalars
     * @param series named curves of [x, y] points
     */
    record Outcome(Map<String, Double> metrics, Map<String, List<double[]>> series) {
    }
}
