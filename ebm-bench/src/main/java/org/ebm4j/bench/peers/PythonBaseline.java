package org.ebm4j.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ebm4j.bench.suite.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reference scripts of {@code ../shared/baselines} with a Python interpreter (Debian's {@code /usr/bin/python3}
 * with {@code python3-torch} and {@code python3-sklearn} by default) and reads the JSON lines they print.
 */
public final class PythonBaseline {

    private static final Logger LOG = LoggerFactory.getLogger(PythonBaseline.class);

    private final Path python;
    private final Path folder;
    private final int threads;

    /**
     * @param python the interpreter
     * @param folder the baselines folder
     * @param threads exported as OMP_NUM_THREADS/MKL_NUM_THREADS to the script
     */
    public PythonBaseline(Path python, Path folder, int threads) {
        this.python = python;
        this.folder = folder;
        this.threads = threads;
    }

    /** @return the folder holding the scripts. */
    public Path folder() {
        return folder;
    }

    /**
     * Checks that the interpreter, the script and the Python module exist.
     *
     * @throws PeerUnavailableException saying what is missing and how to install it
     */
    public void require(String script, String module, String debianPackage) throws PeerUnavailableException {
        if (!Files.isExecutable(python)) {
            throw new PeerUnavailableException("no Python interpreter at " + python + " (--python)");
        }
        if (!Files.isRegularFile(folder.resolve(script))) {
            throw new PeerUnavailableException("no " + script + " in " + folder + " (--baselines)");
        }
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", "import " + module).redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new PeerUnavailableException(python + " cannot import " + module
                        + "; install it with: apt-get install -y " + debianPackage);
            }
        } catch (IOException | InterruptedException e) {
            throw new PeerUnavailableException("cannot start " + python + ": " + e.getMessage());
        }
    }

    /**
     * Runs a script and returns the JSON objects it printed, one per line (other lines are logged).
     *
     * @param timeoutSeconds the run is killed after this long
     */
    public List<JsonNode> run(String script, long timeoutSeconds, Path workDir, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python.toString(), folder.resolve(script).toString()));
        cmd.addAll(List.of(args));
        Files.createDirectories(workDir);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        pb.environment().put("MKL_NUM_THREADS", Integer.toString(threads));
        LOG.info("peer: {}", String.join(" ", cmd));
        Process p = pb.start();
        // The reader below blocks until the script ends, so a watchdog enforces the time limit.
        java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CompletableFuture.delayedExecutor(timeoutSeconds, TimeUnit.SECONDS).execute(() -> {
            if (p.isAlive()) {
                killed.set(true);
                p.destroyForcibly();
            }
        });
        List<JsonNode> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try (var reader = p.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                text.append(line).append('\n');
                if (line.startsWith("{")) {
                    out.add(Json.canonical().readTree(line));
                } else {
                    LOG.debug("{}: {}", script, line);
                }
            }
        }
        p.waitFor();
        if (killed.get()) {
            throw new IOException(script + " ran longer than " + timeoutSeconds + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(script + " failed (exit " + p.exitValue() + "):\n" + tail(text.toString()));
        }
        return out;
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    }
}
