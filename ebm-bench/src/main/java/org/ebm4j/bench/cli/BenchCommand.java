package org.ebm4j.bench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.ebm4j.bench.report.SuiteReport;
import org.ebm4j.bench.suite.CellExecutor;
import org.ebm4j.bench.suite.ExecutionEngine;
import org.ebm4j.bench.suite.ExecutionEngineFactory;
import org.ebm4j.bench.suite.SuiteDefinition;
import org.ebm4j.bench.suite.SuiteRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ebm bench run|report|peers}: comparison benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run benchmark suites, write reports, compare against peer libraries.",
        subcommands = {BenchCommand.Run.class, BenchCommand.Report.class, PeersCommand.class, QualityCommand.class, JmhCommand.class,
                CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {

    /** Suites shipped in the jar, runnable by name. */
    public static final List<String> SHIPPED = List.of("samplers-2d", "rbm-small", "mnist-ebm", "mnist-rbm");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Reads a suite: a file path, or the name of a shipped suite.
     *
     * @return the suite's text
     */
    public static String suiteText(String fileOrName) throws IOException {
        Path file = Path.of(fileOrName);
        if (Files.isRegularFile(file)) {
            return Files.readString(file);
        }
        try (InputStream in = BenchCommand.class.getResourceAsStream("/org/ebm4j/bench/suites/" + fileOrName
                + ".yaml")) {
            if (in == null) {
                throw new IllegalArgumentException("suite = '" + fileOrName + "': neither a file nor a shipped suite; "
                        + "shipped suites are " + SHIPPED);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * @return the suite text with {@code settings} entries (KEY=VALUE) and the seeds replaced, as YAML; unchanged when
     *     there is nothing to override
     */
    static String override(String text, List<String> settings, List<Long> seeds) throws IOException {
        if (settings.isEmpty() && seeds == null) {
            return text;
        }
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) org.ebm4j.bench.suite.Json.yaml().readTree(text);
        var target = root.has("settings") && root.get("settings").isObject()
                ? (com.fasterxml.jackson.databind.node.ObjectNode) root.get("settings") : root.putObject("settings");
        for (String kv : settings) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--setting " + kv + "; expected KEY=VALUE");
            }
            target.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        if (seeds != null) {
            var array = root.putArray("seeds");
            seeds.forEach(array::add);
        }
        return org.ebm4j.bench.suite.Json.yaml().writeValueAsString(root);
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run a suite's cells (skipping those already finished in the output directory), "
                    + "then write its report.")
    static final class Run implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "SUITE", description = "suite file (YAML/JSON) or shipped suite name: "
                + "samplers-2d, rbm-small, mnist-ebm, mnist-rbm")
        String suite;

        @Option(names = "--out", paramLabel = "DIR",
                description = "run directory (default bench-results/<suite name>); a rerun resumes there")
        Path out;

        @Option(names = "--engine", defaultValue = "local",
                description = "execution engine: local (default), or spark with the ebm-spark module on the class path")
        String engine;

        @Option(names = "--master", description = "Spark master URL for --engine spark (default local[*])")
        String master;

        @Option(names = "--attempts", defaultValue = "2", description = "tries per failing cell (default 2)")
        int attempts;

        @Option(names = "--no-report", description = "skip writing the report after the run")
        boolean noReport;

        @Option(names = "--setting", paramLabel = "KEY=VALUE",
                description = "override one of the suite's settings (repeatable), e.g. --setting epochs=1")
        List<String> settings = new java.util.ArrayList<>();

        @Option(names = "--seeds", split = ",", description = "override the suite's seeds, e.g. --seeds 1,2")
        List<Long> seeds;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (attempts < 1) {
                throw new IllegalArgumentException("--attempts = " + attempts + "; expected >= 1");
            }
            String text = override(suiteText(suite), settings, seeds);
            SuiteDefinition definition = SuiteDefinition.parse(text, suite);
            Path dir = out != null ? out : Path.of("bench-results", definition.name());
            ComponentRegistry registry = ComponentRegistry.discover();
            CellExecutor executor = new CellExecutor(registry);
            executor.runner(definition.kind()); // fails early, listing the known kinds
            ExecutionEngineFactory engines = registry.components(ExecutionEngineFactory.class).get(engine);
            PrintWriter pw = spec.commandLine().getOut();
            SuiteRun.Summary summary;
            try (ExecutionEngine e = engines.create(executor, master)) {
                summary = SuiteRun.run(text, dir, e, attempts, "ebm " + String.join(" ",
                        spec.commandLine().getParseResult().originalArgs()));
            }
            pw.printf("suite %s: %d cells, %d skipped (already finished), %d finished, %d failed -> %s%n",
                    definition.name(), summary.total(), summary.skipped(), summary.ok(), summary.failed(), dir);
            if (!noReport) {
                pw.println("report: " + SuiteReport.write(dir, executor));
            }
            pw.flush();
            return summary.failed() == 0 ? 0 : 1;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Write report.md, CSV/JSON tables and PNG plots for a run directory.")
    static final class Report implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "DIR", description = "run directory written by 'ebm bench run'")
        Path dir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(dir.resolve("suite.yaml"))) {
                throw new IOException(dir + " is not a run directory (no suite.yaml); run 'ebm bench run' first");
            }
            Path report = SuiteReport.write(dir, new CellExecutor(ComponentRegistry.discover()));
            spec.commandLine().getOut().println("report: " + report);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
