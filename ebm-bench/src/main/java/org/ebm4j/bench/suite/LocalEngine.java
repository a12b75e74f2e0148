package org.ebm4j.bench.suite;

import java.util.List;
import java.util.function.Consumer;

/** Runs cells one after another in this JVM (ND4J parallelises inside each cell). */
public final class LocalEngine implements ExecutionEngine {

    private final CellExecutor executor;

    public LocalEngine(CellExecutor executor) {
        this.executor = executor;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public void execute(List<Cell> cells, int maxAttempts, Consumer<CellResult> sink) {
        for (Cell cell : cells) {
            CellResult result = null;
            for (int attempt = 1; attempt <= maxAttempts; attempt++) {
                result = executor.execute(cell).withAttempts(attempt);
                if (result.ok()) {
                    break;
                }
            }
            sink.accept(result);
        }
    }
}
