package org.ebm4j.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.energy.ExactSampler;
import org.ebm4j.api.energy.Normalized;
import org.ebm4j.api.io.TensorArchive;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.ChainInitializer;
import org.ebm4j.api.sampling.SamplerFactory;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.sampling.SamplingResult;
import org.ebm4j.bench.plot.DensityScatterPlot;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.ebm4j.sampling.diagnostics.AcceptanceSummary;
import org.ebm4j.sampling.diagnostics.ChainDiagnostics;
import org.ebm4j.sampling.diagnostics.ChainRecorder;
import org.ebm4j.sampling.diagnostics.Mmd;
import org.ebm4j.sampling.diagnostics.SlicedWasserstein;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ebm sample}: runs a registered sampler on a registered energy, prints convergence diagnostics (R̂, bulk and
 * tail ESS, MCSE, acceptance), the distance to exact samples where the energy has them, and the throughput, and
 * writes the final states (TensorArchive) and a PNG of them over the density.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Sample a registered energy with a registered sampler; print diagnostics and draw the samples.")
public final class SampleCommand implements Callable<Integer> {

    /** Coordinates whose chains are recorded for R̂/ESS (all of them for 2-D targets). */
    static final int DIAGNOSED_COORDINATES = 4;
    /** Points compared with exact samples (MMD is quadratic in this). */
    static final int COMPARED_POINTS = 2000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--energy", required = true, description = "registered energy (see 'ebm info'), e.g. ring-mixture")
    String energyName;

    @Option(names = "--sampler", required = true, description = "registered sampler, e.g. mala, hmc, ula")
    String samplerName;

    @Option(names = "--chains", defaultValue = "1000", description = "independent chains (default ${DEFAULT-VALUE})")
    int chains;

    @Option(names = "--steps", defaultValue = "1000", description = "steps per chain (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seed", defaultValue = "0", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--burn-in", description = "steps discarded before diagnostics (default: half the steps); "
            + "samplers with a 'warmup' parameter adapt during it unless --set warmup=... is given")
    Integer burnIn;

    @Option(names = "--set", description = "sampler parameter key=value (repeatable), e.g. --set step-size=0.05")
    List<String> samplerSettings = new ArrayList<>();

    @Option(names = "--energy-set", description = "energy parameter key=value (repeatable), e.g. --energy-set std=0.3")
    List<String> energySettings = new ArrayList<>();

    @Option(names = "--init", defaultValue = "gaussian",
            description = "registered chain initializer (default ${DEFAULT-VALUE}, with std=2)")
    String initName;

    @Option(names = "--init-set", description = "initializer parameter key=value (repeatable)")
    List<String> initSettings = new ArrayList<>();

    @Option(names = "--dtype", defaultValue = "double", description = "float or double (default ${DEFAULT-VALUE})")
    String dtype;

    @Option(names = "--mmd-bandwidth", description = "Gaussian-kernel bandwidth for MMD^2 (default: median heuristic, "
            + "the median distance between points of the pooled sample)")
    Double mmdBandwidth;

    @Option(names = "--out", defaultValue = "sample-out", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        Checks.positive("--chains", chains);
        Checks.positive("--steps", steps);
        int burn = burnIn == null ? steps / 2 : burnIn;
        Checks.inRange("--burn-in", burn, 0, steps - 4);
        RandomKey key = RandomKey.of(seed);

        ComponentRegistry registry = ComponentRegistry.discover();
        EnergyFunction energy = registry.energies().get(energyName)
                .create(ComponentConfig.parse("energy '" + energyName + "'", energySettings));
        SamplerFactory samplerFactory = registry.samplers().get(samplerName);
        ComponentConfig samplerConfig = ComponentConfig.parse("sampler '" + samplerName + "'", samplerSettings);
        boolean adapts = samplerFactory.parameterNames().stream().anyMatch(p -> p.startsWith("warmup="));
        if (adapts && !samplerConfig.has("warmup")) {
            samplerConfig = samplerConfig.with("warmup", burn);
        }
        @SuppressWarnings("unchecked")
        SamplingKernel<SamplerState> kernel =
                (SamplingKernel<SamplerState>) samplerFactory.create(energy, samplerConfig);
        ChainInitializer initializer = registry.chainInitializers().get(initName)
                .create(initConfig());

        INDArray start = initializer.initialize(chains, energy.sampleShape(), key.fold("init"));
        int coordinates = (int) Math.min(DIAGNOSED_COORDINATES, energy.dimension());
        ChainRecorder recorder = new ChainRecorder(chains, steps, burn, coordinates);
        long t0 = System.nanoTime();
        SamplingResult<SamplerState> result = SamplingDriver.run(kernel, kernel.init(start), steps, key.fold("run"),
                false, recorder);
        double seconds = (System.nanoTime() - t0) / 1e9;

        w.printf("ebm sample: energy %s %s, sampler %s %s%n", energyName, energySettings, samplerName,
                samplerConfig.values());
        w.printf("  %d chains x %d steps (burn-in %d), seed %d, init %s, dtype %s%n", chains, steps, burn, seed,
                initName, dtype);
        w.printf("  time %.2f s: %.3g s/step, %.3g gradient evaluations/s (%d per chain)%n", seconds,
                seconds / steps, result.gradientEvaluations() * (double) chains / seconds,
                result.gradientEvaluations());
        printChainDiagnostics(w, recorder.draws());
        AcceptanceSummary acceptance = AcceptanceSummary.of(result.infos(), burn);
        if (Double.isNaN(acceptance.mean())) {
            w.printf("acceptance: none (unadjusted kernel); mean step size %.4g%n", acceptance.meanStepSize());
        } else {
            w.printf("acceptance after burn-in: mean %.3f (min %.3f, max %.3f); mean step size %.4g%n",
                    acceptance.mean(), acceptance.min(), acceptance.max(), acceptance.meanStepSize());
        }
        double[][] finalStates = flatten(result.samples());
        if (energy instanceof Normalized normalized) {
            w.printf("log Z (exact) = %.6f; mean energy of final states %.4f%n", normalized.logPartition(),
                    energy.energy(result.samples()).meanNumber().doubleValue());
        }
        if (energy instanceof ExactSampler exact) {
            printDistances(w, finalStates, exact, key);
        }
        writeOutputs(w, energy, result.samples(), finalStates);
        w.flush();
        return 0;
    }

    private ComponentConfig initConfig() {
        ComponentConfig config = ComponentConfig.parse("chain initializer '" + initName + "'", initSettings);
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("dtype", dtype);
        if (initName.equals("gaussian")) {
            defaults.put("std", 2);
        }
        return config.withDefaults(defaults);
    }

    private static void printChainDiagnostics(PrintWriter w, double[][][] draws) {
        w.println("R̂ = rank-normalised split-R-hat, ESS bulk/tail and MCSE of the mean (Vehtari et al. 2021), "
                + "over all chains after burn-in");
        w.printf("  %-6s %10s %10s %10s %8s %10s %10s%n", "coord", "mean", "sd", "MCSE", "R-hat", "ESS bulk",
                "ESS tail");
        for (int c = 0; c < draws.length; c++) {
            double[][] x = draws[c];
            double mean = ChainDiagnostics.mean(x);
            double sd = Math.sqrt(variance(x, mean));
            w.printf("  x%-5d %10.4f %10.4f %10.4g %8.4f %10.0f %10.0f%n", c + 1, mean, sd,
                    ChainDiagnostics.mcseMean(x), ChainDiagnostics.rhat(x), ChainDiagnostics.essBulk(x),
                    ChainDiagnostics.essTail(x));
        }
    }

    private void printDistances(PrintWriter w, double[][] finalStates, ExactSampler exact, RandomKey key) {
        int m = Math.min(finalStates.length, COMPARED_POINTS);
        double[][] samples = java.util.Arrays.copyOf(finalStates, m);
        double[][] reference = flatten(exact.sampleExact(m, key.fold("exact-a")));
        double[][] reference2 = flatten(exact.sampleExact(m, key.fold("exact-b")));
        double bandwidth = mmdBandwidth != null ? Checks.positive("--mmd-bandwidth", mmdBandwidth)
                : Mmd.medianBandwidth(samples, reference);
        String rule = mmdBandwidth != null ? "given" : "median-heuristic";
        double mmd = Mmd.squared(samples, reference, bandwidth);
        double mmdFloor = Mmd.squared(reference2, reference, bandwidth);
        double sw = SlicedWasserstein.distance(samples, reference, 128, key.fold("sw"));
        double swFloor = SlicedWasserstein.distance(reference2, reference, 128, key.fold("sw"));
        w.printf("vs %d exact samples: MMD^2 %.3g (exact-vs-exact %.3g; Gaussian kernel, %s bandwidth %.3g), "
                + "sliced W2 %.3g (exact-vs-exact %.3g)%n", m, mmd, mmdFloor, rule, bandwidth, sw, swFloor);
    }

    private void writeOutputs(PrintWriter w, EnergyFunction energy, INDArray samples, double[][] finalStates)
            throws IOException {
        Path archive = out.resolve("samples.zip");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("energy", energyName);
        metadata.put("energy.config", String.valueOf(energySettings));
        metadata.put("sampler", samplerName);
        metadata.put("sampler.config", String.valueOf(samplerSettings));
        metadata.put("chains", String.valueOf(chains));
        metadata.put("steps", String.valueOf(steps));
        metadata.put("seed", String.valueOf(seed));
        java.nio.file.Files.createDirectories(out);
        TensorArchive.write(archive, metadata, Map.of("samples", samples));
        w.println("wrote " + archive);
        if (energy.dimension() >= 2) {
            System.setProperty("java.awt.headless", "true");
            Path png = out.resolve("samples.png");
            DensityScatterPlot.write(finalStates, energy, energyName + " / " + samplerName + ": " + chains
                    + " chains, " + steps + " steps", png);
            w.println("wrote " + png);
        }
    }

    /** @return {@code [n][d]} doubles of a batch {@code [n, ...]}. */
    private static double[][] flatten(INDArray x) {
        long n = x.size(0);
        return x.reshape('c', n, x.length() / n).castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    private static double variance(double[][] x, double mean) {
        double s = 0;
        long count = 0;
        for (double[] chain : x) {
            for (double v : chain) {
                s += (v - mean) * (v - mean);
                count++;
            }
        }
        return s / Math.max(1, count - 1);
    }
}
