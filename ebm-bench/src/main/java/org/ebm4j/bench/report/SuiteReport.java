package org.ebm4j.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.ebm4j.bench.suite.Cell;
import org.ebm4j.bench.suite.CellExecutor;
import org.ebm4j.bench.suite.CellResult;
import org.ebm4j.bench.suite.Json;
import org.ebm4j.bench.suite.ResultStore;
import org.ebm4j.bench.suite.SuiteDefinition;
import org.ebm4j.bench.suite.SuiteRun;

/**
 * Writes a suite run's report into its run directory: {@code report.md} (provenance, a summary table of every
 * metric as mean ± standard deviation over seeds, failures, then the cell kind's own section with its plots),
 * {@code results.csv} (one row per cell), {@code summary.csv} and {@code summary.json} (every figure in the
 * table).
 */
public final class SuiteReport {

    private SuiteReport() {
    }

    /** A metric summarised over the seeds of one configuration (a cell label without its seed). */
    public record Summary(String configuration, String metric, int n, double mean, double sd) {
    }

    /**
     * @param runDirectory a directory written by {@link SuiteRun}
     * @param executor supplies the runner of the suite's kind
     * @return the path of report.md
     */
    public static Path write(Path runDirectory, CellExecutor executor) throws IOException {
        SuiteDefinition suite = SuiteRun.suiteOf(runDirectory);
        List<CellResult> results = new ResultStore(runDirectory).load();
        if (results.isEmpty()) {
            throw new IOException("no results in " + runDirectory.resolve(ResultStore.FILE)
                    + "; run the suite first (ebm bench run)");
        }
        List<String> metrics = metricNames(results);
        List<Summary> summaries = summarise(results, metrics);
        writeResultsCsv(runDirectory.resolve("results.csv"), results, metrics);
        writeSummaryCsv(runDirectory.resolve("summary.csv"), summaries);
        Files.writeString(runDirectory.resolve("summary.json"), Json.pretty().writeValueAsString(summaries));

        StringBuilder md = new StringBuilder();
        md.append("# Benchmark report: ").append(suite.name()).append("\n\n");
        if (!suite.description().isBlank()) {
            md.append(suite.description().strip()).append("\n\n");
        }
        md.append(provenanceLine(runDirectory)).append("\n\n");
        long ok = results.stream().filter(CellResult::ok).count();
        md.append(String.format(Locale.ROOT, "%d cells: %d finished, %d failed. Settings: %s; budget: %s.%n%n",
                results.size(), ok, results.size() - ok, suite.settings(), suite.budget()));
        md.append(executor.runner(suite.kind()).report(results, runDirectory)).append("\n");
        md.append("## All metrics (mean ± sd over seeds)\n\n").append(summaryTable(summaries, metrics)).append('\n');
        List<CellResult> failed = results.stream().filter(r -> !r.ok()).toList();
        if (!failed.isEmpty()) {
            md.append("## Failed cells\n\n| cell | attempts | error |\n|---|---|---|\n");
            failed.forEach(r -> md.append("| ").append(r.cell().label()).append(" | ").append(r.attempts())
                    .append(" | ").append(r.error().replace('|', '/').replace('\n', ' ')).append(" |\n"));
        }
        md.append("\nFiles: `results.csv` (every cell), `summary.csv` / `summary.json` (the table above), "
                + "`results.jsonl` (raw results with series), `provenance.json`, `suite.yaml`.\n");
        Path report = runDirectory.resolve("report.md");
        Files.writeString(report, md.toString(), StandardCharsets.UTF_8);
        return report;
    }

    /** @return the configuration label of a cell: its label without the seed. */
    public static String configuration(Cell cell) {
        String label = cell.label();
        int cut = label.lastIndexOf(" seed=");
        return cut < 0 ? label : label.substring(0, cut);
    }

    /** Groups finished results by configuration, in first-seen order. */
    public static Map<String, List<CellResult>> byConfiguration(List<CellResult> results) {
        Map<String, List<CellResult>> groups = new LinkedHashMap<>();
        for (CellResult r : results) {
            if (r.ok()) {
                groups.computeIfAbsent(configuration(r.cell()), k -> new ArrayList<>()).add(r);
            }
        }
        return groups;
    }

    /** @return [mean, sample sd] of the metric over the group's cells that have it; sd is NaN for one value. */
    public static double[] meanSd(List<CellResult> group, String metric) {
        double[] v = group.stream().mapToDouble(r -> r.metric(metric)).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) {
            return new double[] {Double.NaN, Double.NaN, 0};
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new double[] {mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN, v.length};
    }

    static List<Summary> summarise(List<CellResult> results, List<String> metrics) {
        List<Summary> out = new ArrayList<>();
        byConfiguration(results).forEach((config, group) -> {
            for (String m : metrics) {
                double[] s = meanSd(group, m);
                if (s[2] > 0) {
                    out.add(new Summary(config, m, (int) s[2], s[0], s[1]));
                }
            }
        });
        return out;
    }

    private static List<String> metricNames(List<CellResult> results) {
        TreeSet<String> names = new TreeSet<>();
        results.forEach(r -> names.addAll(r.metrics().keySet()));
        return List.copyOf(names);
    }

    private static String summaryTable(List<Summary> summaries, List<String> metrics) {
        Map<String, Map<String, Summary>> rows = new LinkedHashMap<>();
        summaries.forEach(s -> rows.computeIfAbsent(s.configuration(), k -> new LinkedHashMap<>()).put(s.metric(), s));
        StringBuilder t = new StringBuilder("| configuration | n |");
        metrics.forEach(m -> t.append(' ').append(m).append(" |"));
        t.append("\n|---|---|").append("---|".repeat(metrics.size())).append('\n');
        rows.forEach((config, cells) -> {
            int n = cells.values().stream().mapToInt(Summary::n).max().orElse(0);
            t.append("| ").append(config).append(" | ").append(n).append(" |");
            for (String m : metrics) {
                Summary s = cells.get(m);
                t.append(' ').append(s == null ? "" : format(s.mean(), s.sd())).append(" |");
            }
            t.append('\n');
        });
        return t.toString();
    }

    /** @return "1.23 ± 0.04" with 3 significant digits, or just the mean when sd is NaN. */
    public static String format(double mean, double sd) {
        String m = number(mean);
        return Double.isNaN(sd) ? m : m + " ± " + number(sd);
    }

    /** @return a number with 3 significant digits, in plain or scientific notation as fits. */
    public static String number(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        double a = Math.abs(x);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.2e", x);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3g", x);
    }

    private static void writeResultsCsv(Path file, List<CellResult> results, List<String> metrics)
            throws IOException {
        TreeSet<String> axes = new TreeSet<>();
        results.forEach(r -> axes.addAll(r.cell().axes().keySet()));
        StringBuilder csv = new StringBuilder("cell_id,status,seed");
        axes.forEach(a -> csv.append(',').append(a));
        metrics.forEach(m -> csv.append(',').append(m));
        csv.append(",error\n");
        for (CellResult r : results) {
            csv.append(r.cellId()).append(',').append(r.status()).append(',').append(r.cell().seed());
            axes.forEach(a -> csv.append(',').append(csvField(
                    r.cell().axes().containsKey(a) ? r.cell().axes().get(a).label() : "")));
            metrics.forEach(m -> csv.append(',').append(Double.isNaN(r.metric(m)) ? "" : Double.toString(r.metric(m))));
            csv.append(',').append(csvField(r.error())).append('\n');
        }
        Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
    }

    private static void writeSummaryCsv(Path file, List<Summary> summaries) throws IOException {
        StringBuilder csv = new StringBuilder("configuration,metric,n,mean,sd\n");
        summaries.forEach(s -> csv.append(csvField(s.configuration())).append(',').append(s.metric()).append(',')
                .append(s.n()).append(',').append(s.mean()).append(',').append(s.sd()).append('\n'));
        Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
    }

    static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static String provenanceLine(Path runDirectory) throws IOException {
        Path file = runDirectory.resolve("provenance.json");
        if (!Files.exists(file)) {
            return "Provenance: not recorded.";
        }
        var p = Json.canonical().readTree(Files.readString(file));
        var b = p.path("backend");
        var e = p.path("environment");
        return String.format(Locale.ROOT,
                "Provenance: commit `%s`%s, started %s; %s cores, Java %s; ND4J backend %s, %s threads. "
                        + "Command: `%s`.",
                p.path("git_commit").asText(), "true".equals(p.path("git_dirty").asText()) ? " (dirty tree)" : "",
                p.path("started_at").asText(), e.path("cores").asText(), e.path("java").asText(),
                b.path("variant").asText(b.path("backend").asText()), b.path("threads").asText(),
                p.path("command").asText());
    }
}
