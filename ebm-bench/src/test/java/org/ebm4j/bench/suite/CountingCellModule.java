package org.ebm4j.bench.suite;

import org.ebm4j.bench.report.Charts;
import org.ebm4j.bench.report.SuiteReport;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.ebm4j.bench.registry.ComponentRegistry;

/**
 * Test cell kind "test-counting": its metric is a pure function of the cell (x · seed), it fails on demand
 * ({@code fail_times} settings: fails that many first attempts), and it counts how often each cell ran.
 */
public final class CountingCellModule extends AbstractModule {

    /** Runs per cell id, across the test JVM. */
    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    static final class CountingRunner implements CellRunner {
        @Override
        public Outcome run(Cell cell, ComponentRegistry registry) {
            int run = RUNS.computeIfAbsent(cell.id(), k -> new AtomicInteger()).incrementAndGet();
            int failTimes = Integer.parseInt(cell.settings().getOrDefault("fail_times", "0"));
            if (run <= failTimes) {
                throw new IllegalStateException("planned failure " + run + " of " + failTimes);
            }
            double x = Double.parseDouble(cell.axis("model").params().getOrDefault("x", "1"));
            return new Outcome(Map.of("value", x * cell.seed()), Map.of("curve", List.of(new double[] {0, x})));
        }

        @Override
        public String report(List<CellResult> results, Path dir) throws java.io.IOException {
            Map<String, double[]> bars = new java.util.LinkedHashMap<>();
            SuiteReport.byConfiguration(results).forEach((config, group) -> {
                double[] s = SuiteReport.meanSd(group, "value");
                bars.put(config, new double[] {s[0], s[1]});
            });
            Charts.bars(dir.resolve("value.png"), "value by configuration", "value", bars, false);
            return "counting cells: " + results.size() + "\n\n![value](value.png)\n";
        }

        @Override
        public String description() {
            return "test cells whose value is x * seed";
        }
    }

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, CellRunner.class)
                .addBinding("test-counting").to(CountingRunner.class);
    }
}
