package org.ebm4j.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ebm4j.api.registry.NamedComponents;
import org.ebm4j.bench.peers.PeerComparison;
import org.ebm4j.bench.peers.PeerContext;
import org.ebm4j.bench.peers.PeerRow;
import org.ebm4j.bench.peers.PeerTable;
import org.ebm4j.bench.peers.PeerUnavailableException;
import org.ebm4j.bench.peers.PythonBaseline;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.ebm4j.bench.suite.Json;
import org.ebm4j.bench.suite.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ebm bench peers}: ebm4j against the reference scripts, same machine, same run, same threads. */
@Command(name = "peers", mixinStandardHelpOptions = true,
        description = "Run the reference scripts (PyTorch, scikit-learn) and ebm4j's counterparts in one run with the "
                + "same thread count and report the ratios ebm4j/peer. A peer that is not installed is skipped "
                + "with a message.")
final class PeersCommand implements Callable<Integer> {

    @Option(names = "--only", split = ",", description = "comparisons to run (default: all registered)")
    List<String> only;

    @Option(names = "--threads", defaultValue = "2", description = "threads on both sides (default 2)")
    int threads;

    @Option(names = "--quick", description = "fewer repetitions (smoke test; noisier ratios)")
    boolean quick;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch/sklearn")
    Path python;

    @Option(names = "--baselines", defaultValue = "../shared/baselines", description = "reference scripts folder")
    Path baselines;

    @Option(names = "--data", defaultValue = "../shared/data/mnist", description = "MNIST folder for both sides")
    Path data;

    @Option(names = "--out", defaultValue = "bench-results/peers", description = "writes peers.md and peers.json")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads = " + threads + "; expected >= 1");
        }
        // ebm4j's side gets the peers' thread count too (ND4J, OpenMP and so oneDNN and BLAS), whatever OMP_NUM_THREADS says
        org.ebm4j.bench.environment.BackendInfo.useThreads(threads);
        ComponentRegistry registry = ComponentRegistry.discover();
        NamedComponents<PeerComparison> comparisons = registry.components(PeerComparison.class);
        List<String> names = only == null ? List.copyOf(comparisons.all().keySet()) : only;
        names.forEach(comparisons::get); // unknown names fail here, listing the known ones
        Files.createDirectories(out);
        PeerContext context = new PeerContext(registry, new PythonBaseline(python, baselines.toAbsolutePath(), threads),
                data.toAbsolutePath(), threads, quick, out.toAbsolutePath());
        PrintWriter pw = spec.commandLine().getOut();
        List<PeerRow> rows = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (String name : names) {
            pw.println("== " + name + ": " + comparisons.get(name).description());
            pw.flush();
            try {
                List<PeerRow> r = comparisons.get(name).compare(context);
                rows.addAll(r);
                pw.print(PeerTable.markdown(r));
            } catch (PeerUnavailableException e) {
                skipped.put(name, e.getMessage());
                pw.println("skipped " + name + ": " + e.getMessage());
            }
            pw.flush();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("provenance", Provenance.collect("", "ebm " + String.join(" ",
                spec.commandLine().getParseResult().originalArgs())));
        json.put("threads", threads);
        json.put("rows", rows.stream().map(r -> Map.of("comparison", r.comparison(), "metric", r.metric(),
                "ebm4j", r.ebm4j(), "peer", r.peer(), "peer_name", r.peerName(), "ratio", r.ratio())).toList());
        json.put("skipped", skipped);
        Files.writeString(out.resolve("peers.json"), Json.pretty().writeValueAsString(json));
        String md = "# Peer ratios (" + threads + " threads)\n\n" + PeerTable.markdown(rows)
                + (skipped.isEmpty() ? "" : "\nSkipped: " + skipped + "\n");
        Files.writeString(out.resolve("peers.md"), md);
        pw.println("\n" + md + "\nwritten: " + out.resolve("peers.md"));
        pw.flush();
        return 0;
    }
}
