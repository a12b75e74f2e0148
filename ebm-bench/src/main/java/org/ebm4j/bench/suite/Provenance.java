package org.ebm4j.bench.suite;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ebm4j.bench.environment.BackendInfo;
import org.ebm4j.bench.environment.Versions;

/**
 * Where a result came from, so it can be traced and rerun: git commit (and whether the tree was dirty), the suite
 * text's SHA-256, versions, JVM, ND4J backend with SIMD level and threads, cores, host, time.
 */
public final class Provenance {

    private Provenance() {
    }

    /**
     * @param suiteText the suite file's text
     * @param commandLine how the run was started
     */
    public static Map<String, Object> collect(String suiteText, String commandLine) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("git_commit", git("rev-parse", "HEAD"));
        String status = git("status", "--porcelain", "--untracked-files=no");
        p.put("git_dirty", status.equals("unknown") ? "unknown" : Boolean.toString(!status.isEmpty()));
        p.put("suite_sha256", sha256(suiteText));
        p.put("command", commandLine);
        p.put("started_at", Instant.now().toString());
        p.put("versions", Versions.all());
        p.put("backend", BackendInfo.current().asMap());
        p.put("environment", environment());
        return p;
    }

    /** @return host, cores and thread settings of this JVM (recorded per cell as well). */
    public static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("host", hostName());
        env.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("omp_num_threads", String.valueOf(System.getenv().getOrDefault("OMP_NUM_THREADS", "")));
        env.put("max_heap_mb", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
        env.put("java", System.getProperty("java.version"));
        return env;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    // git is optional (a jar run outside a checkout): "unknown" then.
    private static String git(String... args) {
        try {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "git";
            System.arraycopy(args, 0, cmd, 1, args.length);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "unknown";
            }
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
