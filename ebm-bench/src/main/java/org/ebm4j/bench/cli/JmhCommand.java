package org.ebm4j.bench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ebm bench jmh}: the JMH micro-benchmarks of org.ebm4j.bench.jmh, in forked JVMs with this class path. */
@Command(name = "jmh", mixinStandardHelpOptions = true,
        description = "Run the JMH micro-benchmarks (energy+gradient batch, sampler step, Gibbs sweep, buffer draw).")
final class JmhCommand implements Callable<Integer> {

    @Parameters(paramLabel = "REGEX", arity = "0..1", description = "benchmarks to run (default: all of ebm4j's)")
    String include = "org\\.ebm4j\\.bench\\.jmh\\..*";

    @Option(names = "--forks", defaultValue = "1")
    int forks;

    @Option(names = "--warmup", defaultValue = "3", description = "warm-up iterations")
    int warmup;

    @Option(names = "--iterations", defaultValue = "5", description = "measured iterations")
    int iterations;

    @Option(names = "--seconds", defaultValue = "2", description = "seconds per iteration")
    int seconds;

    @Option(names = "-p", description = "benchmark parameter, name=v1,v2 (e.g. -p batch=32,128)")
    List<String> params = new ArrayList<>();

    @Option(names = "--out", defaultValue = "bench-results/jmh.json", description = "JSON results")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out.toAbsolutePath().getParent());
        ChainedOptionsBuilder options = new OptionsBuilder().include(include).forks(forks).warmupIterations(warmup)
                .measurementIterations(iterations).warmupTime(TimeValue.seconds(seconds))
                .measurementTime(TimeValue.seconds(seconds)).resultFormat(ResultFormatType.JSON)
                .result(out.toString()).jvmArgsAppend(forkedJvmArgs());
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("-p " + p + "; expected name=value[,value...]");
            }
            options.param(p.substring(0, eq), p.substring(eq + 1).split(","));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        spec.commandLine().getOut().println(results.size() + " benchmark results written to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    // The forks need the same native and off-heap settings as this JVM.
    private static String[] forkedJvmArgs() {
        List<String> args = new ArrayList<>();
        for (String p : List.of("org.bytedeco.javacpp.platform.extension", "org.bytedeco.javacpp.maxbytes",
                "org.bytedeco.javacpp.maxphysicalbytes")) {
            String v = System.getProperty(p);
            if (v != null) {
                args.add("-D" + p + "=" + v);
            }
        }
        return args.toArray(String[]::new);
    }
}
