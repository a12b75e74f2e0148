package org.ebm4j.bench.suite;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What running one cell produced.
 *
 * @param cellId {@link Cell#id()}
 * @param cell the cell itself (so a result file is self-describing)
 * @param status {@code ok} or {@code failed}
 * @param metrics named scalar results (ess_bulk_min, mmd2, acceptance, seconds, gradient_evaluations, ...)
 * @param series named curves as lists of [x, y] points (e.g. mmd2 against gradient evaluations)
 * @param environment where it ran (host, backend, threads), since engines may spread cells over machines
 * @param error the failure's message and type, empty when ok
 * @param attempts how many times the engine tried the cell
 */
public record CellResult(String cellId, Cell cell, String status, Map<String, Double> metrics,
                         Map<String, List<double[]>> series, Map<String, String> environment, String error,
                         int attempts) {

    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public CellResult {
        metrics = new TreeMap<>(metrics);
        series = new TreeMap<>(series);
        environment = new TreeMap<>(environment);
    }

    public boolean ok() {
        return OK.equals(status);
    }

    /** @return the metric, or NaN if absent. */
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }

    /** @return a copy with another attempt count. */
    public CellResult withAttempts(int value) {
        return new CellResult(cellId, cell, status, metrics, series, environment, error, value);
    }
}
