package org.ebm4j.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.api.training.IterationReport;
import org.ebm4j.api.training.TrainingContext;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingSummary;
import org.ebm4j.bench.image.TileGrid;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.ebm4j.bench.suite.Json;
import org.ebm4j.bench.suite.Provenance;
import org.ebm4j.rbm.evaluation.RbmScores;
import org.ebm4j.rbm.gibbs.BlockGibbsKernel;
import org.ebm4j.rbm.gibbs.GibbsState;
import org.ebm4j.rbm.gibbs.TemperatureLadder;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.training.FusedRbmTrainer;
import org.ebm4j.rbm.training.RbmTraining;
import org.ebm4j.training.loop.ResumableTrainer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ebm train-rbm}: trains a Bernoulli RBM with CD-k, PCD-k or parallel tempering on binarised data through the
 * shared trainer.
 */
@Command(name = "train-rbm", mixinStandardHelpOptions = true,
        description = "Train a Bernoulli-Bernoulli RBM with CD-k, PCD-k or parallel tempering (SGD with momentum,"
                + " weight decay, lr decay, optional sparsity target) and write rbm.zip, filters.png, samples.png and"
                + " provenance.json.")
public final class TrainRbmCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--hidden", defaultValue = "500", description = "hidden units (default ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--algo", defaultValue = "pcd", description = "cd, pcd or pt (default ${DEFAULT-VALUE})")
    String algorithm;

    @Option(names = "--k", defaultValue = "1",
            description = "Gibbs (for pt: tempering) steps per update (default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--temperatures", defaultValue = "10",
            description = "pt: inverse temperatures K, >= 2 (default ${DEFAULT-VALUE})")
    int temperatures;

    @Option(names = "--beta-min", defaultValue = "0.1",
            description = "pt: the hottest replica's inverse temperature, in (0, 1) (default ${DEFAULT-VALUE})")
    double betaMin;

    @Option(names = "--ladder", defaultValue = "geometric",
            description = "pt: linear or geometric spacing of the betas (default ${DEFAULT-VALUE})")
    String ladder;

    @Option(names = "--sparsity-target", defaultValue = "0.1",
            description = "target mean hidden activation p, in (0, 1) (default ${DEFAULT-VALUE})")
    double sparsityTarget;

    @Option(names = "--sparsity-cost", defaultValue = "0",
            description = "sparsity penalty weight; 0 turns the target off (default ${DEFAULT-VALUE})")
    double sparsityCost;

    @Option(names = "--sparsity-decay", defaultValue = "0.9",
            description = "decay of the running mean hidden activation, in [0, 1) (default ${DEFAULT-VALUE})")
    double sparsityDecay;

    @Option(names = "--epochs", defaultValue = "5", description = "passes over the data (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "100", description = "minibatch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "0.05", description = "learning rate (default ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--lr-decay", defaultValue = "1.0", description = "per-epoch lr factor (default ${DEFAULT-VALUE})")
    double learningRateDecay;

    @Option(names = "--momentum", defaultValue = "0.0", description = "SGD momentum (default ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--weight-decay", defaultValue = "0.0", description = "L2 coefficient (default ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--engine", defaultValue = "auto",
            description = "auto, fused or reference: the fused loop for float PCD/CD on binary data (auto: where it"
                    + " applies), or the shared trainer on ND4J arrays (default ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--persist", defaultValue = "visible",
            description = "pcd: what the chains keep between updates, visible states (Tieleman 2008) or hidden samples"
                    + " (scikit-learn's BernoulliRBM; one product fewer per update; fused engine only)"
                    + " (default ${DEFAULT-VALUE})")
    String persist;

    @Option(names = "--seed", defaultValue = "0", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--dtype", defaultValue = "float", description = "float or double (default ${DEFAULT-VALUE})")
    String dtype;

    @Option(names = "--dataset", defaultValue = "mnist", description = "registered dataset (default ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--data", description = "data folder (default: the dataset's own)")
    Path dataDir;

    @Option(names = "--limit", defaultValue = "0", description = "use the first N training rows (0: all)")
    int limit;

    @Option(names = "--sample-steps", defaultValue = "1000",
            description = "Gibbs steps for samples.png (default ${DEFAULT-VALUE})")
    int sampleSteps;

    @Option(names = "--log-every", defaultValue = "100", description = "progress line every N updates")
    int logEvery;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        RbmTraining.Algorithm algo = switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "cd" -> RbmTraining.Algorithm.CD;
            case "pcd" -> RbmTraining.Algorithm.PCD;
            case "pt" -> RbmTraining.Algorithm.PT;
            default -> throw new IllegalArgumentException("--algo = '" + algorithm + "'; expected cd, pcd or pt");
        };
        DataType type = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "float" -> DataType.FLOAT;
            case "double" -> DataType.DOUBLE;
            default -> throw new IllegalArgumentException("--dtype = '" + dtype + "'; expected float or double");
        };
        RbmTraining.Settings settings = new RbmTraining.Settings(algo, k, epochs, batch, learningRate,
                learningRateDecay, momentum, weightDecay, seed,
                algo == RbmTraining.Algorithm.PT ? ladder() : null, sparsity(), RbmTraining.Engine.of(engine),
                RbmTraining.Persist.of(persist));
        if (logEvery < 1) {
            throw new IllegalArgumentException("--log-every = " + logEvery + "; expected >= 1");
        }
        Dataset data = RbmData.open(ComponentRegistry.discover(), dataset, dataDir, "train", limit);
        int visible = (int) data.sampleShape()[0];
        RandomKey key = RandomKey.of(seed);
        BernoulliRbm rbm = BernoulliRbm.random(visible, hidden, 0.01, type, key.fold("init"));
        INDArray all = data.allFeatures();
        rbm.initVisibleBiasFromData(all);
        log.printf("train-rbm: %s on %s (%d rows), %s-%d, %d epochs, batch %d, lr %s, momentum %s, "
                        + "weight decay %s%s%s%n",
                rbm.architecture(), data.name(), data.size(), algo.name().toLowerCase(Locale.ROOT), k, epochs, batch,
                learningRate, momentum, weightDecay,
                settings.temperatures() == null ? "" : ", betas " + settings.temperatures(),
                settings.sparsity().enabled() ? ", sparsity target " + sparsityTarget + " cost " + sparsityCost : "");
        log.flush();
        ResumableTrainer trainer = RbmTraining.trainer(rbm, data, settings);
        log.println("engine: " + (trainer instanceof FusedRbmTrainer ? "fused" : "reference"));
        trainer.addListener(new ProgressLog(log, logEvery));
        TrainingSummary summary = trainer.train();
        rbm.save(out.resolve("rbm.zip"));
        writeProvenance(trainer, summary, out.resolve("provenance.json"));
        writeFilters(rbm, out.resolve("filters.png"));
        INDArray samples = writeSamples(rbm, out.resolve("samples.png"), key.fold("samples"));
        INDArray sample = all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, Math.min(1000, data.size())),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        log.printf(Locale.ROOT, "done: %d updates in %.1f s (%.2f s/epoch); reconstruction error %.3f; "
                        + "mean free energy data %.2f, samples %.2f%n",
                summary.iterations(), summary.seconds(), summary.seconds() / epochs,
                RbmScores.reconstructionError(rbm, sample), RbmScores.meanFreeEnergy(rbm, sample),
                RbmScores.meanFreeEnergy(rbm, samples));
        if (algo == RbmTraining.Algorithm.PT) {
            log.println("swap acceptance per neighbouring pair (beta_r, beta_r+1): "
                    + swapRates(summary.finalMetrics()));
        }
        log.println("wrote " + out.resolve("rbm.zip") + ", filters.png, samples.png, provenance.json");
        log.flush();
        return 0;
    }

    private TemperatureLadder ladder() {
        if (temperatures < 2) {
            throw new IllegalArgumentException("--temperatures = " + temperatures + "; expected at least 2");
        }
        if (!(betaMin > 0 && betaMin < 1)) {
            throw new IllegalArgumentException("--beta-min = " + betaMin + "; expected a number in (0, 1)");
        }
        return switch (ladder.toLowerCase(Locale.ROOT)) {
            case "linear" -> TemperatureLadder.linear(temperatures, betaMin);
            case "geometric" -> TemperatureLadder.geometric(temperatures, betaMin);
            default -> throw new IllegalArgumentException("--ladder = '" + ladder + "'; expected linear or geometric");
        };
    }

    private RbmTraining.Sparsity sparsity() {
        if (sparsityCost == 0) {
            return RbmTraining.Sparsity.OFF;
        }
        if (!(sparsityTarget > 0 && sparsityTarget < 1)) {
            throw new IllegalArgumentException("--sparsity-target = " + sparsityTarget
                    + "; expected a number in (0, 1)");
        }
        if (!(sparsityCost > 0) || !Double.isFinite(sparsityCost)) {
            throw new IllegalArgumentException("--sparsity-cost = " + sparsityCost + "; expected a finite number >= 0");
        }
        if (!(sparsityDecay >= 0 && sparsityDecay < 1)) {
            throw new IllegalArgumentException("--sparsity-decay = " + sparsityDecay + "; expected a number in [0, 1)");
        }
        return new RbmTraining.Sparsity(sparsityTarget, sparsityCost, sparsityDecay);
    }

    /** Writes the command line, environment, the trainer's provenance (settings, temperatures) and final metrics. */
    private void writeProvenance(ResumableTrainer trainer, TrainingSummary summary, Path file) throws java.io.IOException {
        java.util.Map<String, Object> json = Provenance.collect("", "ebm " + String.join(" ",
                spec.commandLine().getParseResult().originalArgs()));
        json.put("training", new java.util.TreeMap<>(trainer.checkpoint().metadata()));
        json.put("final_metrics", new java.util.TreeMap<>(summary.finalMetrics()));
        java.nio.file.Files.writeString(file, Json.pretty().writeValueAsString(json));
    }

    /** @return "0.93 0.91 …", the {@code swap_rate_r_r+1} metrics in pair order. */
    static String swapRates(java.util.Map<String, Double> metrics) {
        StringBuilder s = new StringBuilder();
        for (int r = 0; metrics.containsKey("swap_rate_" + r + "_" + (r + 1)); r++) {
            s.append(s.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f",
                    metrics.get("swap_rate_" + r + "_" + (r + 1))));
        }
        return s.toString();
    }

    private static void writeFilters(BernoulliRbm rbm, Path file) throws java.io.IOException {
        int shown = Math.min(100, rbm.hiddenUnits());
        INDArray filters = rbm.weights().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, shown)).transpose().dup();
        write(file, filters, TileGrid.Scaling.PER_TILE);
    }

    /** Runs 100 chains from fair coin flips and writes E[v | h] of the last step; returns the binary states. */
    private INDArray writeSamples(BernoulliRbm rbm, Path file, RandomKey key) throws java.io.IOException {
        INDArray start = org.ebm4j.rbm.model.BernoulliDraws.sampleInPlace(
                Nd4j.zeros(rbm.dataType(), 100, rbm.visibleUnits()).addi(0.5), key.fold("start"));
        GibbsState state = SamplingDriver.run(new BlockGibbsKernel(rbm), start, Math.max(1, sampleSteps),
                key.fold("chains")).finalState();
        write(file, rbm.visibleMean(state.hidden(), 1.0), TileGrid.Scaling.UNIT);
        return state.position();
    }

    private static void write(Path file, INDArray tiles, TileGrid.Scaling scaling) throws java.io.IOException {
        int pixels = (int) tiles.size(1);
        int side = TileGrid.squareSide(pixels);
        if (side > 0) {
            TileGrid.write(file, tiles, side, side, 10, scaling);
        } else {
            TileGrid.write(file, tiles, 1, pixels, 1, scaling);
        }
    }

    /** Progress lines with throughput and time to go. */
    static final class ProgressLog implements TrainingListener {
        private final PrintWriter out;
        private final int every;
        private long started;
        private long startIteration;

        ProgressLog(PrintWriter out, int every) {
            this.out = out;
            this.every = every;
        }

        @Override
        public void onStart(TrainingContext context) {
            started = System.nanoTime();
            startIteration = context.startIteration();
        }

        @Override
        public void onIteration(TrainingContext context, IterationReport report) {
            boolean epochEnd = report.iteration() % context.iterationsPerEpoch() == 0;
            if (report.iteration() % every != 0 && !epochEnd) {
                return;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = (report.iteration() - startIteration) / Math.max(seconds, 1e-9);
            double eta = (context.totalIterations() - report.iteration()) / Math.max(rate, 1e-9);
            out.printf(Locale.ROOT, "epoch %d/%d  update %d/%d  cd %.3f  F(data) %.2f  F(model) %.2f  "
                            + "%.1f updates/s  elapsed %s  eta %s%n",
                    report.epoch() + 1, context.epochs(), report.iteration(), context.totalIterations(),
                    report.metrics().getOrDefault("cd", Double.NaN),
                    report.metrics().getOrDefault("e_pos", Double.NaN),
                    report.metrics().getOrDefault("e_neg", Double.NaN), rate, clock(seconds), clock(eta));
            String swaps = swapRates(report.metrics());
            if (!swaps.isEmpty()) {
                out.printf(Locale.ROOT, "  swap acceptance per pair since start: %s%n", swaps);
            }
            out.flush();
        }

        private static String clock(double seconds) {
            long s = Math.round(seconds);
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        }
    }
}
