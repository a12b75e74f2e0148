package org.ebm4j.bench.cells;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebm4j.bench.cli.BenchCommand;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.ebm4j.bench.report.SuiteReport;
import org.ebm4j.bench.suite.CellExecutor;
import org.ebm4j.bench.suite.CellResult;
import org.ebm4j.bench.suite.LocalEngine;
import org.ebm4j.bench.suite.ResultStore;
import org.ebm4j.bench.suite.SuiteDefinition;
import org.ebm4j.bench.suite.SuiteRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCellRunnerTest {

    // The test-only tiny energy and sampler (TinyImageModelModule) stand in for conv-swish and seed-langevin.
    static final String SUITE = """
            suite: training-small
            kind: ebm-training
            seeds: [1]
            settings: {limit: 64, epochs: 1, steps: 5, batch: 16, quality: false}
            matrix:
              energy: [test-tiny-image]
              sampler: [test-langevin]
              buffer: [seed-buffer, none]
            """;

    @TempDir
    Path dir;

    @Test
    void trainingCellsTrainEvaluateAndReport() throws Exception {
        CellExecutor executor = new CellExecutor(ComponentRegistry.discover());
        SuiteRun.run(SUITE, dir, new LocalEngine(executor), 1, "test");
        List<CellResult> results = new ResultStore(dir).load();
        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.ok()).as(r.error()).isTrue());
        CellResult r = results.get(0);
        assertThat(r.metric("iterations")).isEqualTo(4.0);
        assertThat(r.metric("seconds_per_iteration")).isPositive();
        assertThat(r.metric("auroc_test_vs_noise")).isBetween(0.0, 1.0);
        assertThat(r.metric("energy_test")).isFinite();
        assertThat(r.series().get("cd")).hasSize(4);
        SuiteReport.write(dir, executor);
        assertThat(Files.readString(dir.resolve("report.md"))).contains("## Contrastive-divergence training on MNIST",
                "| buffer=none energy=test-tiny-image sampler=test-langevin |");
        assertThat(dir.resolve("cd-per-iteration.png")).isNotEmptyFile();
    }

    @Test
    void shippedTrainingSuiteNamesOnlyRegisteredComponents() throws Exception {
        ComponentRegistry registry = ComponentRegistry.discover();
        SuiteDefinition suite = SuiteDefinition.parse(BenchCommand.suiteText("mnist-ebm"), "mnist-ebm");
        suite.cells().forEach(c -> {
            registry.samplers().get(c.axis("sampler").name());
            registry.replayBuffers().get(c.axis("buffer").name());
        });
        assertThat(suite.cells()).hasSize(2 * 3 * 2);
    }
}
