package org.ebm4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.ebm4j.bench.suite.Cell;
import org.ebm4j.bench.suite.CellResult;
import org.ebm4j.bench.suite.ExecutionEngine;
import org.ebm4j.bench.suite.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs cells as Spark tasks, one task per cell. Cells travel as their JSON text and results come back as JSON, so
 * nothing but strings crosses the wire. Each executor JVM builds its component registry once
 * ({@link CellTask}). Results are collected in waves of a few tasks per core and handed to the sink after each wave,
 * so an interrupted sweep keeps every finished wave and a rerun skips those cells.
 *
 * <p>Failures: a cell whose code throws is retried inside its task up to {@code maxAttempts} times, then recorded as
 * failed (the sweep goes on); a task whose executor dies is retried by Spark ({@code spark.task.maxFailures}, and
 * {@code local[n,f]} in embedded mode).
 */
public final class SparkEngine implements ExecutionEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SparkEngine.class);

    private final JavaSparkContext spark;
    private final int waveSize;

    /**
     * @param master a Spark master URL ({@code local[2]}, {@code spark://host:7077}, {@code yarn}); when the
     *               application was started by {@code spark-submit}, null keeps the master it was given
     */
    public SparkEngine(String master) {
        SparkConf conf = new SparkConf().setAppName("ebm4j-bench").setIfMissing("spark.ui.enabled", "false")
                .setIfMissing("spark.task.maxFailures", "4");
        if (master != null) {
            conf.setMaster(master);
        } else {
            conf.setIfMissing("spark.master", "local[*]");
        }
        this.spark = new JavaSparkContext(conf);
        this.waveSize = Math.max(1, 4 * spark.defaultParallelism());
        LOG.info("Spark {} master {} (default parallelism {}, {} cells per wave)", spark.version(), spark.master(),
                spark.defaultParallelism(), waveSize);
    }

    @Override
    public String name() {
        return "spark(" + spark.master() + ")";
    }

    @Override
    public void execute(List<Cell> cells, int maxAttempts, Consumer<CellResult> sink) {
        for (int from = 0; from < cells.size(); from += waveSize) {
            List<String> wave = new ArrayList<>();
            for (Cell c : cells.subList(from, Math.min(cells.size(), from + waveSize))) {
                wave.add(c.toJson());
            }
            List<String> results = spark.parallelize(wave, wave.size()).map(new CellTask(maxAttempts)).collect();
            for (String json : results) {
                sink.accept(decode(json));
            }
        }
    }

    private static CellResult decode(String json) {
        try {
            return Json.canonical().readValue(json, CellResult.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a Spark task returned a result that is not a cell result: " + json, e);
        }
    }

    @Override
    public void close() {
        spark.close();
    }
}
