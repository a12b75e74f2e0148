package org.ebm4j.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.ebm4j.bench.environment.BackendInfo;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.ebm4j.bench.suite.Cell;
import org.ebm4j.bench.suite.CellExecutor;
import org.ebm4j.bench.suite.CellResult;
import org.ebm4j.bench.suite.Json;


/**
 * One cell in a Spark task: cell JSON in, result JSON out. The first task in an executor JVM builds that JVM's
 * component registry (and so loads the native libraries) once; every task sizes ND4J's thread pool to the cores
 * Spark gave it ({@code spark.task.cpus}), so concurrent tasks in one executor do not oversubscribe its cores.
 */
final class CellTask implements Function<String, String> {

    private static final long serialVersionUID = 1L;

    private final int maxAttempts;

    CellTask(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    @Override
    public String call(String cellJson) throws Exception {
        Cell cell = Cell.fromJson(cellJson);
        CellExecutor executor = Holder.EXECUTOR;
        TaskContext task = TaskContext.get();
        if (task != null) {
            BackendInfo.useThreads(Math.max(1, task.cpus()));
        }
        CellResult result = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            result = executor.execute(cell).withAttempts(attempt);
            if (result.ok()) {
                break;
            }
        }
        return Json.canonical().writeValueAsString(result);
    }

    // Initialised on first use in each JVM (holder idiom): one registry, one native load per executor.
    private static final class Holder {
        static final CellExecutor EXECUTOR = new CellExecutor(ComponentRegistry.discover());
    }
}
