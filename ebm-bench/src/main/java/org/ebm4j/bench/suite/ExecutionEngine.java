package org.ebm4j.bench.suite;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a list of cells somewhere (this JVM, a Spark cluster) and hands each result to a sink as it arrives. The
 * sink is called from one thread at a time.
 */
public interface ExecutionEngine extends AutoCloseable {

    /** @return "local", "spark", ... */
    String name();

    /**
     * @param cells the cells still to run
     * @param maxAttempts how often a failing cell is tried before its failure is recorded
     * @param sink receives every result (ok or failed)
     */
    void execute(List<Cell> cells, int maxAttempts, Consumer<CellResult> sink) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
