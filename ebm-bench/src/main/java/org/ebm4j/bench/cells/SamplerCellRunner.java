package org.ebm4j.bench.cells;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.energy.ExactSampler;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.sampling.StepInfo;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.ebm4j.bench.report.Charts;
import org.ebm4j.bench.report.SuiteReport;
import org.ebm4j.bench.suite.Cell;
import org.ebm4j.bench.suite.CellResult;
import org.ebm4j.bench.suite.CellRunner;
import org.ebm4j.sampling.diagnostics.ChainDiagnostics;
import org.ebm4j.sampling.diagnostics.ChainRecorder;
import org.ebm4j.sampling.diagnostics.Mmd;
import org.ebm4j.sampling.diagnostics.SlicedWasserstein;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cells of kind {@code sampler}: a registered sampler on a registered energy, from {@code chains} chains started
 * uniformly in a box, run until the budget of gradient evaluations per chain (or seconds) is spent.
 *
 * <p>Axes: {@code energy} and {@code sampler} (names with their options). Settings: {@code chains} (default 256),
 * {@code warmup} (steps before recording, default 20% of the run), {@code init_low}/{@code init_high} (start box,
 * default ±3), {@code checkpoints} (points on the MMD curve, default 8). Budget: {@code gradient_evaluations} per
 * chain and/or {@code seconds}.
 *
 * <p>Metrics: bulk/tail ESS (minimum over the coordinates) per second and per gradient evaluation, maximal
 * rank-normalised split-R̂, mean acceptance, MMD² of the final states to as many exact samples (Gaussian kernel,
 * median-heuristic bandwidth) next to its floor (the MMD² between two exact sample sets of that size), sliced
 * 2-Wasserstein, seconds per step. Series: MMD² against gradient evaluations per chain.
 */
public final class SamplerCellRunner implements CellRunner {

    @Override
    public Outcome run(Cell cell, ComponentRegistry registry) {
        var energyChoice = cell.axis("energy");
        var samplerChoice = cell.axis("sampler");
        EnergyFunction energy = registry.energies().get(energyChoice.name())
                .create(ComponentConfig.of(energyChoice.name(), energyChoice.params()));
        SamplingKernel<?> kernel = registry.samplers().get(samplerChoice.name())
                .create(energy, ComponentConfig.of(samplerChoice.name(), samplerChoice.params()));
        if (!(energy instanceof ExactSampler exact)) {
            throw new IllegalArgumentException("energy '" + energyChoice.name() + "' has no exact sampler; "
                    + "sampler cells measure against exact samples");
        }
        ComponentConfig settings = ComponentConfig.of("settings", cell.settings());
        ComponentConfig budget = ComponentConfig.of("budget", cell.budget());
        int chains = settings.getPositiveInt("chains", 256);
        long gradBudget = budget.getLong("gradient_evaluations", Long.MAX_VALUE);
        double secondsBudget = budget.getDouble("seconds", Double.POSITIVE_INFINITY);
        if (gradBudget == Long.MAX_VALUE && Double.isInfinite(secondsBudget)) {
            throw new IllegalArgumentException("cell " + cell.label() + ": budget " + cell.budget()
                    + "; expected gradient_evaluations and/or seconds");
        }
        RandomKey key = RandomKey.of(cell.seed());
        long[] shape = energy.sampleShape();
        long dim = 1;
        for (long s : shape) {
            dim *= s;
        }
        double low = settings.getDouble("init_low", -3);
        double high = settings.getDouble("init_high", 3);
        INDArray x0 = Nd4j.rand(key.fold("init").nd4jRandom(), chains, dim).castTo(DataType.DOUBLE)
                .muli(high - low).addi(low).reshape(concat(chains, shape));
        return measure(cell, kernel, exact, x0, key, gradBudget, secondsBudget, settings);
    }

    private static <S extends SamplerState> Outcome measure(Cell cell, SamplingKernel<S> kernel, ExactSampler exact,
                                                            INDArray x0, RandomKey key, long gradBudget,
                                                            double secondsBudget, ComponentConfig settings) {
        int chains = (int) x0.size(0);
        int checkpoints = settings.getPositiveInt("checkpoints", 8);
        double[][] truth = rows(exact.sampleExact(chains, key.fold("truth")));
        double[][] truth2 = rows(exact.sampleExact(chains, key.fold("truth-2")));
        double bandwidth = Mmd.medianBandwidth(truth, truth2);
        // Probe step cost with one step to size the run when the budget is in gradient evaluations.
        S state = kernel.init(x0);
        long t0 = System.nanoTime();
        var first = kernel.step(key.fold(1), state);
        long perStep = Math.max(1, first.info().gradientEvaluations());
        int totalSteps = (int) Math.min(Integer.MAX_VALUE - 1, gradBudget == Long.MAX_VALUE ? 1_000_000
                : gradBudget / perStep);
        if (totalSteps < 10) {
            throw new IllegalArgumentException("cell " + cell.label() + ": budget of " + gradBudget
                    + " gradient evaluations allows " + totalSteps + " steps at " + perStep + " per step; expected "
                    + ">= 10");
        }
        int warmup = settings.getNonNegativeInt("warmup", totalSteps / 5);
        int coordinates = (int) Math.min(2, x0.length() / chains);
        ChainRecorder recorder = new ChainRecorder(chains, totalSteps, Math.min(warmup, totalSteps - 1),
                coordinates);
        List<double[]> mmdCurve = new ArrayList<>();
        mmdCurve.add(new double[] {0, Mmd.squared(rows(x0), truth, bandwidth)});
        long[] grads = {first.info().gradientEvaluations()};
        double[] acceptance = {0, 0};
        int every = Math.max(1, totalSteps / checkpoints);
        SamplingDriver.StepListener listener = (s, info) -> {
            recorder.onStep(s, info);
            grads[0] += info.gradientEvaluations();
            if (info.step() > warmup && !Double.isNaN(info.acceptanceRate())) {
                acceptance[0] += info.acceptanceRate();
                acceptance[1]++;
            }
            if (info.step() % every == 0) {
                if (!finite(s.position())) {
                    return false; // diverged: stop here, reported below
                }
                mmdCurve.add(new double[] {grads[0], Mmd.squared(rows(s.position()), truth, bandwidth)});
            }
            return (System.nanoTime() - t0) / 1e9 < secondsBudget;
        };
        recorder.onStep(first.state(), first.info());
        var result = SamplingDriver.run(kernel, first.state(), totalSteps - 1, key, false, listener);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int steps = result.infos().size() + 1;
        Map<String, Double> m = new TreeMap<>();
        m.put("steps", (double) steps);
        m.put("gradient_evaluations_per_chain", (double) grads[0]);
        m.put("seconds_per_step", seconds / steps);
        if (!finite(result.finalState().position())) {
            // A sampler that blows up is a result, not a crash: recorded with the step it was caught at.
            m.put("diverged", 1.0);
            return new Outcome(m, Map.of("mmd2_vs_gradients", mmdCurve));
        }
        m.put("diverged", 0.0);
        double[][] finalRows = rows(result.finalState().position());
        double[][][] draws = recorder.draws();
        double essBulk = Double.POSITIVE_INFINITY;
        double essTail = Double.POSITIVE_INFINITY;
        double rhat = 0;
        if (recorder.recorded() >= 4) {
            for (double[][] coordinate : draws) {
                essBulk = Math.min(essBulk, ChainDiagnostics.essBulk(coordinate));
                essTail = Math.min(essTail, ChainDiagnostics.essTail(coordinate));
                rhat = Math.max(rhat, ChainDiagnostics.rhat(coordinate));
            }
            m.put("ess_bulk", essBulk);
            m.put("ess_tail", essTail);
            m.put("rhat", rhat);
            m.put("ess_bulk_per_second", essBulk / seconds);
            m.put("ess_bulk_per_gradient", essBulk / ((double) grads[0] * chains));
        }
        if (acceptance[1] > 0) {
            m.put("acceptance", acceptance[0] / acceptance[1]);
        }
        m.put("mmd2", Mmd.squared(finalRows, truth, bandwidth));
        m.put("mmd2_floor", Mmd.squared(truth2, truth, bandwidth));
        m.put("sliced_w2", SlicedWasserstein.distance(finalRows, truth, 64, key.fold("sw")));
        m.put("gradient_evaluations_per_second", grads[0] * (double) chains / seconds);
        m.put("sampling_seconds", seconds);
        return new Outcome(m, Map.of("mmd2_vs_gradients", mmdCurve));
    }

    private static boolean finite(INDArray x) {
        return !x.isNaN().any() && !x.isInfinite().any();
    }

    static double[][] rows(INDArray x) {
        return x.reshape('c', x.size(0), x.length() / x.size(0)).castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    private static long[] concat(long n, long[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    @Override
    public String report(List<CellResult> results, Path dir) throws IOException {
        Map<String, List<CellResult>> groups = SuiteReport.byConfiguration(results);
        StringBuilder md = new StringBuilder("## Samplers against exact samples\n\n"
                + "ESS: minimum over coordinates of bulk ESS after warm-up (Vehtari et al. 2021), summed over chains. "
                + "MMD²: final states vs as many exact samples, Gaussian kernel with median-heuristic bandwidth; the "
                + "floor is the MMD² between two exact sample sets of the same size. Mean ± sd over seeds.\n\n"
                + "A sampler whose chains left the finite numbers is marked diverged (fraction of seeds).\n\n"
                + "| energy | sampler | ESS/s | ESS per gradient | R̂ max | acceptance | MMD² | MMD² floor | "
                + "grad evals/s | diverged |\n|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, Map<String, double[]>> essPerSecond = new TreeMap<>();
        Map<String, Map<String, List<double[]>>> curves = new TreeMap<>();
        groups.forEach((config, group) -> {
            Cell c = group.get(0).cell();
            String energy = c.axis("energy").label();
            String sampler = c.axis("sampler").label();
            md.append("| ").append(energy).append(" | ").append(sampler);
            for (String metric : List.of("ess_bulk_per_second", "ess_bulk_per_gradient", "rhat", "acceptance",
                    "mmd2", "mmd2_floor", "gradient_evaluations_per_second", "diverged")) {
                double[] s = SuiteReport.meanSd(group, metric);
                md.append(" | ").append(s[2] == 0 ? "" : SuiteReport.format(s[0], s[1]));
            }
            md.append(" |\n");
            double[] ess = SuiteReport.meanSd(group, "ess_bulk_per_second");
            if (ess[2] > 0) {
                essPerSecond.computeIfAbsent(energy, k -> new LinkedHashMap<>())
                        .put(sampler, new double[] {ess[0], ess[1]});
            }
            List<double[]> curve = group.get(0).series().getOrDefault("mmd2_vs_gradients", List.of());
            curves.computeIfAbsent(energy, k -> new LinkedHashMap<>()).put(sampler + " (seed " + c.seed() + ")",
                    curve);
        });
        md.append('\n');
        for (String energy : curves.keySet()) {
            String slug = energy.replaceAll("[^A-Za-z0-9]+", "-");
            if (essPerSecond.containsKey(energy)) { // no bars when every sampler diverged on this energy
                Charts.bars(dir.resolve("ess-per-second-" + slug + ".png"), "Bulk ESS per second: " + energy,
                        "ESS / s", essPerSecond.get(energy), false);
                md.append("![ESS/s ").append(energy).append("](ess-per-second-").append(slug).append(".png)\n");
            }
            Charts.lines(dir.resolve("mmd-vs-budget-" + slug + ".png"), "MMD² to exact samples: " + energy,
                    "gradient evaluations per chain", "MMD²", curves.get(energy), false, true);
            md.append("![MMD ").append(energy).append("](mmd-vs-budget-").append(slug).append(".png)\n\n");
        }
        return md.toString();
    }

    @Override
    public String description() {
        return "a sampler on an analytic energy: ESS, R-hat, acceptance, MMD to exact samples within a budget";
    }
}
