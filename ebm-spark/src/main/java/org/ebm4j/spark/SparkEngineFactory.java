package org.ebm4j.spark;

import org.ebm4j.bench.suite.CellExecutor;
import org.ebm4j.bench.suite.ExecutionEngine;
import org.ebm4j.bench.suite.ExecutionEngineFactory;

/** {@code --engine spark}: embedded {@code local[*]} by default, any master with {@code --master}. */
public final class SparkEngineFactory implements ExecutionEngineFactory {

    @Override
    public ExecutionEngine create(CellExecutor executor, String master) {
        return new SparkEngine(master);
    }

    @Override
    public String description() {
        return "one Spark task per cell; embedded local[*] unless --master (spark://host:7077, yarn) is given";
    }
}
