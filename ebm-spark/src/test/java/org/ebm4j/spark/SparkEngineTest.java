package org.ebm4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.ebm4j.bench.suite.CellExecutor;
import org.ebm4j.bench.suite.CellResult;
import org.ebm4j.bench.suite.LocalEngine;
import org.ebm4j.bench.suite.ResultStore;
import org.ebm4j.bench.suite.SuiteRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

// Spark 3.5 supports Java 17 and 21 (README, "Scale-out").
@EnabledForJreRange(max = JRE.JAVA_21)
class SparkEngineTest {

    static final String SUITE = """
            suite: walks
            kind: test-random-walk
            seeds: [1, 2, 3]
            settings: {steps: 40}
            matrix:
              walk:
                - {name: gaussian, params: {dim: [4, 16]}}
                - broken
            """;

    @TempDir
    Path dir;

    @Test
    void embeddedSparkGivesTheLocalEnginesPerCellResultsAndRecordsFailedCells() throws Exception {
        CellExecutor executor = new CellExecutor(ComponentRegistry.discover());
        SuiteRun.Summary local = SuiteRun.run(SUITE, dir.resolve("local"), new LocalEngine(executor), 2, "test");
        SuiteRun.Summary spark;
        try (SparkEngine engine = new SparkEngine("local[2]")) {
            spark = SuiteRun.run(SUITE, dir.resolve("spark"), engine, 2, "test");
        }
        assertThat(spark).isEqualTo(local).isEqualTo(new SuiteRun.Summary(9, 0, 6, 3));

        Map<String, CellResult> l = byId(new ResultStore(dir.resolve("local")).load());
        Map<String, CellResult> s = byId(new ResultStore(dir.resolve("spark")).load());
        assertThat(s.keySet()).isEqualTo(l.keySet());
        for (String id : l.keySet()) {
            CellResult a = l.get(id);
            CellResult b = s.get(id);
            assertThat(b.status()).isEqualTo(a.status());
            if (a.ok()) {
                assertThat(b.metric("norm")).isEqualTo(a.metric("norm"));
                assertThat(b.metric("mean")).isEqualTo(a.metric("mean"));
            } else {
                assertThat(b.attempts()).isEqualTo(2);
                assertThat(b.error()).contains("this cell always fails");
            }
        }
        assertThat(s.values().stream().filter(CellResult::ok).mapToDouble(r -> r.metric("norm")).distinct().count())
                .isEqualTo(6);

        // A rerun on Spark skips the finished cells and retries only the failed ones.
        try (SparkEngine engine = new SparkEngine("local[2]")) {
            assertThat(SuiteRun.run(SUITE, dir.resolve("spark"), engine, 1, "test"))
                    .isEqualTo(new SuiteRun.Summary(9, 6, 0, 3));
        }
    }

    private static Map<String, CellResult> byId(List<CellResult> results) {
        return results.stream().collect(Collectors.toMap(CellResult::cellId, Function.identity()));
    }
}
