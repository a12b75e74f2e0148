package org.ebm4j.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a suite into a run directory: writes {@code suite.yaml} (a copy of the definition) and
 * {@code provenance.json}, skips cells that already finished there, runs the rest on an engine, appends each result
 * to {@link ResultStore} as it arrives and logs progress with rate and ETA.
 */
public final class SuiteRun {

    private static final Logger LOG = LoggerFactory.getLogger(SuiteRun.class);

    private SuiteRun() {
    }

    /**
     * Summary of a run.
     *
     * @param total cells in the suite
     * @param skipped cells already finished before this run
     * @param ok cells that finished now
     * @param failed cells whose failure was recorded now
     */
    public record Summary(int total, int skipped, int ok, int failed) {
    }

    /**
     * @param suiteText the suite file's text (copied into the run directory)
     * @param runDirectory where results go; reused by reruns
     * @param engine where cells run
     * @param maxAttempts tries per failing cell
     * @param commandLine recorded in the provenance
     */
    public static Summary run(String suiteText, Path runDirectory, ExecutionEngine engine, int maxAttempts,
                              String commandLine) throws Exception {
        SuiteDefinition suite = SuiteDefinition.parse(suiteText, "suite");
        Files.createDirectories(runDirectory);
        Files.writeString(runDirectory.resolve("suite.yaml"), suiteText);
        Map<String, Object> provenance = Provenance.collect(suiteText, commandLine);
        provenance.put("engine", engine.name());
        Files.writeString(runDirectory.resolve("provenance.json"),
                Json.pretty().writeValueAsString(provenance));

        ResultStore store = new ResultStore(runDirectory);
        Set<String> done = store.finishedIds();
        List<Cell> all = suite.cells();
        List<Cell> todo = new ArrayList<>();
        for (Cell c : all) {
            if (!done.contains(c.id())) {
                todo.add(c);
            }
        }
        LOG.info("suite {}: {} cells, {} already finished, {} to run on engine '{}'", suite.name(), all.size(),
                all.size() - todo.size(), todo.size(), engine.name());
        long started = System.nanoTime();
        int[] counts = new int[2];
        engine.execute(todo, maxAttempts, result -> {
            store.append(result);
            counts[result.ok() ? 0 : 1]++;
            int finished = counts[0] + counts[1];
            double elapsed = (System.nanoTime() - started) / 1e9;
            double eta = elapsed / finished * (todo.size() - finished);
            LOG.info("[{}/{}] {} {} in {} s ({} cells/min, ETA {} s){}", finished, todo.size(),
                    result.ok() ? "done" : "FAILED", result.cell().label(),
                    String.format("%.1f", result.metric("wall_seconds")),
                    String.format("%.2f", finished / elapsed * 60), String.format("%.0f", eta),
                    result.ok() ? "" : ": " + result.error());
        });
        return new Summary(all.size(), all.size() - todo.size(), counts[0], counts[1]);
    }

    /** Reads a run directory's suite definition. */
    public static SuiteDefinition suiteOf(Path runDirectory) throws IOException {
        return SuiteDefinition.read(runDirectory.resolve("suite.yaml"));
    }
}
