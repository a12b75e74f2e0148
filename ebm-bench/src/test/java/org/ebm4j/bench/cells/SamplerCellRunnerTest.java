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

class SamplerCellRunnerTest {

    static final String SUITE = """
            suite: samplers-small
            kind: sampler
            seeds: [1]
            settings: {chains: 100, checkpoints: 4}
            budget: {gradient_evaluations: 300}
            matrix:
              energy: [ring-mixture]
              sampler:
                - {name: mala, params: {step-size: 0.05, warmup: 60}}
                - {name: ula, params: {step-size: 0.01}}
            """;

    @TempDir
    Path dir;

    @Test
    void samplerCellsMeasureDiagnosticsAgainstExactSamplesAndReportThem() throws Exception {
        CellExecutor executor = new CellExecutor(ComponentRegistry.discover());
        SuiteRun.Summary summary = SuiteRun.run(SUITE, dir, new LocalEngine(executor), 1, "test");
        List<CellResult> results = new ResultStore(dir).load();
        assertThat(summary.failed()).as(results.toString()).isZero();
        CellResult mala = results.stream().filter(r -> r.cell().axis("sampler").name().equals("mala"))
                .findFirst().orElseThrow();
        assertThat(mala.metric("steps")).isEqualTo(300.0);
        assertThat(mala.metric("acceptance")).isBetween(0.3, 0.95);
        assertThat(mala.metric("ess_bulk")).isPositive();
        // Local chains on well-separated modes never mix between them within this budget: R-hat must say so.
        assertThat(mala.metric("rhat")).isGreaterThan(1.1);
        assertThat(mala.metric("mmd2")).isFinite();
        assertThat(mala.metric("mmd2_floor")).isFinite().isLessThan(mala.metric("mmd2") + 0.05);
        assertThat(mala.series().get("mmd2_vs_gradients")).hasSize(5);
        // From a uniform start in [-3, 3]^2 the chains move toward the ring: MMD falls over the run.
        List<double[]> curve = mala.series().get("mmd2_vs_gradients");
        assertThat(curve.get(curve.size() - 1)[1]).isLessThan(curve.get(0)[1] / 2);

        SuiteReport.write(dir, executor);
        String report = Files.readString(dir.resolve("report.md"));
        assertThat(report).contains("## Samplers against exact samples", "| ring-mixture | mala(step-size=0.05, "
                + "warmup=60) |");
        assertThat(dir.resolve("ess-per-second-ring-mixture.png")).isNotEmptyFile();
        assertThat(dir.resolve("mmd-vs-budget-ring-mixture.png")).isNotEmptyFile();
    }

    @Test
    void aSamplerThatBlowsUpIsRecordedAsDivergedNotAsAFailure() throws Exception {
        String suite = SUITE.replace("    - {name: ula, params: {step-size: 0.01}}\n", "")
                .replace("{name: mala, params: {step-size: 0.05, warmup: 60}}", "{name: ula, params: {step-size: 50}}");
        CellExecutor executor = new CellExecutor(ComponentRegistry.discover());
        SuiteRun.run(suite, dir, new LocalEngine(executor), 1, "test");
        CellResult r = new ResultStore(dir).load().get(0);
        assertThat(r.ok()).as(r.error()).isTrue();
        assertThat(r.metric("diverged")).isEqualTo(1.0);
        assertThat(r.metric("mmd2")).isNaN();
        SuiteReport.write(dir, executor);
        assertThat(Files.readString(dir.resolve("report.md"))).contains("| ring-mixture | ula(step-size=50) |");
    }

    @Test
    void shippedSamplerSuiteParsesAndNamesOnlyRegisteredComponents() throws Exception {
        ComponentRegistry registry = ComponentRegistry.discover();
        SuiteDefinition suite = SuiteDefinition.parse(BenchCommand.suiteText("samplers-2d"), "samplers-2d");
        suite.cells().forEach(c -> {
            registry.energies().get(c.axis("energy").name());
            registry.samplers().get(c.axis("sampler").name());
        });
        assertThat(suite.cells()).hasSize(4 * 4 * 3);
    }
}
