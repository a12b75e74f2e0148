package org.ebm4j.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebm4j.bench.peers.PythonBaseline;
import org.ebm4j.bench.suite.SuiteRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    static final String SUITE = """
            suite: cli-counting
            kind: test-counting
            description: Counting cells run through the command line.
            seeds: [1, 2, 3]
            matrix:
              model:
                - plain
                - {name: scaled, params: {x: [2, 4]}}
            """;

    @TempDir
    Path dir;

    static InfoCommandTest.Run ebm(String... args) {
        return InfoCommandTest.run(args);
    }

    @Test
    void runWritesReportTablesAndPlotsAndRerunSkipsFinishedCells() throws Exception {
        Path suite = Files.writeString(dir.resolve("suite.yaml"), SUITE);
        Path runDir = dir.resolve("run");
        InfoCommandTest.Run first = ebm("bench", "run", suite.toString(), "--out", runDir.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("9 cells, 0 skipped (already finished), 9 finished, 0 failed");

        String report = Files.readString(runDir.resolve("report.md"));
        assertThat(report).contains("# Benchmark report: cli-counting", "Counting cells run through",
                "Provenance: commit", "![value](value.png)", "| model=scaled(x=4) | 3 |");
        // value = x * seed over seeds 1..3: mean 2x, sd x
        assertThat(report).contains("| 8.00 ± 4.00 |");
        assertThat(runDir.resolve("value.png")).isNotEmptyFile();
        assertThat(Files.readAllLines(runDir.resolve("results.csv"))).hasSize(10)
                .first().asString().startsWith("cell_id,status,seed,model,value,wall_seconds");
        assertThat(Files.readString(runDir.resolve("summary.csv"))).contains("model=scaled(x=2),value,3,4.0,2.0");

        InfoCommandTest.Run second = ebm("bench", "run", suite.toString(), "--out", runDir.toString(), "--no-report");
        assertThat(second.out()).contains("9 skipped (already finished), 0 finished");
        InfoCommandTest.Run report2 = ebm("bench", "report", runDir.toString());
        assertThat(report2.exitCode()).isZero();
        assertThat(report2.out()).contains("report.md");
    }

    @Test
    void settingsAndSeedsCanBeOverriddenOnTheCommandLine() throws Exception {
        Path suite = Files.writeString(dir.resolve("suite.yaml"), SUITE);
        Path runDir = dir.resolve("over");
        InfoCommandTest.Run r = ebm("bench", "run", suite.toString(), "--out", runDir.toString(), "--seeds", "5",
                "--setting", "fail_times=0", "--no-report");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 cells, 0 skipped (already finished), 3 finished");
        assertThat(SuiteRun.suiteOf(runDir).settings()).containsEntry("fail_times", "0");
        assertThat(ebm("bench", "run", suite.toString(), "--setting", "oops").err()).contains("--setting oops");
    }

    @Test
    void unknownSuitesKindsAndEnginesAreClearErrors() throws Exception {
        InfoCommandTest.Run noSuite = ebm("bench", "run", "no-such-suite");
        assertThat(noSuite.exitCode()).isEqualTo(2);
        assertThat(noSuite.err()).contains("suite = 'no-such-suite': neither a file nor a shipped suite",
                "samplers-2d");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), SUITE.replace("test-counting", "no-kind"));
        InfoCommandTest.Run badKind = ebm("bench", "run", bad.toString(), "--out", dir.resolve("r").toString());
        assertThat(badKind.exitCode()).isEqualTo(2);
        assertThat(badKind.err()).contains("no-kind", "test-counting");
        Path good = Files.writeString(dir.resolve("good.yaml"), SUITE);
        InfoCommandTest.Run badEngine = ebm("bench", "run", good.toString(), "--engine", "mpi", "--out", dir.resolve("r").toString());
        assertThat(badEngine.err()).contains("unknown execution engine 'mpi'", "local");
        assertThat(ebm("bench", "report", dir.toString()).err()).contains("is not a run directory");
    }

    @Test
    void peersRunsComparisonsAndSkipsUnavailablePeersWithTheReason() throws Exception {
        InfoCommandTest.Run r = ebm("bench", "peers", "--only", "test-echo,test-missing", "--out", dir.toString(),
                "--baselines", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("| test-echo | answer | 2.00 | echo | 4.00 | 0.500 (lower is better) |",
                "skipped test-missing: install the peer");
        assertThat(Files.readString(dir.resolve("peers.json"))).contains("\"ratio\" : 0.5", "test-missing");
        assertThat(ebm("bench", "peers", "--only", "nope").err()).contains("nope", "test-echo");
    }

    @Test
    void pythonBaselineReadsJsonLinesAndReportsFailures() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(python), "needs /usr/bin/python3");
        Files.writeString(dir.resolve("ok.py"), "import os\nprint('hello')\n"
                + "print('{\"threads\": \"%s\"}' % os.environ['OMP_NUM_THREADS'])\n");
        Files.writeString(dir.resolve("bad.py"), "import sys\nprint('boom')\nsys.exit(3)\n");
        PythonBaseline baseline = new PythonBaseline(python, dir, 3);
        var lines = baseline.run("ok.py", 60, dir);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).path("threads").asText()).isEqualTo("3");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> baseline.run("bad.py", 60, dir))
                .hasMessageContaining("bad.py failed (exit 3)").hasMessageContaining("boom");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> baseline.require("missing.py", "os", "x"))
                .hasMessageContaining("no missing.py in");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> baseline.require("ok.py", "no_such_mod", "pkg"))
                .hasMessageContaining("apt-get install -y pkg");
    }

}
