package org.ebm4j.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.ebm4j.rbm.evaluation.RbmScores;
import org.ebm4j.rbm.gibbs.BlockGibbsKernel;
import org.ebm4j.rbm.io.SklearnNpyParameters;
import org.ebm4j.rbm.model.BernoulliDraws;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.partition.AisEstimate;
import org.ebm4j.rbm.partition.AnnealedImportanceSampling;
import org.ebm4j.rbm.partition.ExactPartition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ebm eval-rbm}: test log-likelihood of a Bernoulli RBM by AIS (or exactly, when the smaller layer is small),
 * pseudo-log-likelihood as scikit-learn reports it, reconstruction error and free energies of data and samples.
 */
@Command(name = "eval-rbm", mixinStandardHelpOptions = true,
        description = "Evaluate a Bernoulli RBM (rbm.zip from train-rbm, or sklearn .npy files): AIS test"
                + " log-likelihood in nats with +-3 sigma bounds, pseudo-log-likelihood, reconstruction error.")
public final class EvalRbmCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final class Source {
        @Option(names = "--model", description = "an rbm.zip written by train-rbm")
        Path model;

        @Option(names = "--npy-dir", description = "a folder with W.npy [hidden, visible], b_visible.npy, b_hidden.npy"
                + " (as sklearn_rbm.py writes them)")
        Path npyDir;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--ais-runs", defaultValue = "100", description = "AIS runs M (default ${DEFAULT-VALUE})")
    int aisRuns;

    @Option(names = "--ais-betas", defaultValue = "10000",
            description = "inverse temperatures K, linear from 0 to 1 (default ${DEFAULT-VALUE})")
    int aisBetas;

    @Option(names = "--exact", description = "also compute log Z exactly (smaller layer <= 25 units)")
    boolean exact;

    @Option(names = "--dataset", defaultValue = "mnist", description = "registered dataset (default ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--data", description = "data folder (default: the dataset's own)")
    Path dataDir;

    @Option(names = "--limit", defaultValue = "0", description = "use the first N test rows (0: all)")
    int limit;

    @Option(names = "--train-limit", defaultValue = "0",
            description = "training rows for the AIS base rates (0: all)")
    int trainLimit;

    @Option(names = "--gibbs-steps", defaultValue = "1000",
            description = "Gibbs steps for the model samples whose free energy is reported (default ${DEFAULT-VALUE})")
    int gibbsSteps;

    @Option(names = "--seed", defaultValue = "0", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        BernoulliRbm rbm = source.model != null ? BernoulliRbm.load(source.model)
                : SklearnNpyParameters.load(source.npyDir, DataType.DOUBLE);
        ComponentRegistry registry = ComponentRegistry.discover();
        Dataset test = RbmData.open(registry, dataset, dataDir, "test", limit);
        Dataset train = RbmData.open(registry, dataset, dataDir, "train", trainLimit);
        if (test.sampleShape()[0] != rbm.visibleUnits()) {
            throw new IllegalArgumentException("dataset rows have " + test.sampleShape()[0]
                    + " values; the model has " + rbm.visibleUnits() + " visible units");
        }
        INDArray testRows = test.allFeatures();
        RandomKey key = RandomKey.of(seed);
        out.printf("model: %s (%s)%n", rbm.architecture(), source.model != null ? source.model : source.npyDir);
        out.printf("data: %s (%d rows); AIS base rates from %s (%d rows)%n", test.name(), test.size(), train.name(),
                train.size());
        out.flush();

        long t0 = System.nanoTime();
        AisEstimate ais = AnnealedImportanceSampling.estimate(rbm,
                AnnealedImportanceSampling.baseRateBias(train.allFeatures()), aisRuns, aisBetas, key.fold("ais"),
                (done, total) -> reportProgress(out, t0, done, total));
        double aisSeconds = (System.nanoTime() - t0) / 1e9;
        double meanNegFreeEnergy = -RbmScores.meanFreeEnergy(rbm, testRows);
        out.printf(Locale.ROOT, "AIS log Z = %.3f  [%.3f, %.3f] (+-3 sigma; M = %d runs, K = %d betas, ESS %.1f, "
                        + "%.1f s)%n", ais.logPartition(), ais.lower(), ais.upper(), ais.runs(), ais.temperatures(),
                ais.effectiveSampleSize(), aisSeconds);
        out.printf(Locale.ROOT, "test log-likelihood (AIS) = %.3f nats/image  [%.3f, %.3f]%n",
                meanNegFreeEnergy - ais.logPartition(), meanNegFreeEnergy - ais.upper(),
                meanNegFreeEnergy - ais.lower());
        if (exact) {
            double logZ = ExactPartition.logPartition(rbm);
            out.printf(Locale.ROOT, "exact log Z = %.3f; test log-likelihood (exact) = %.3f nats/image%n", logZ,
                    meanNegFreeEnergy - logZ);
        }
        INDArray pseudo = RbmScores.pseudoLogLikelihood(rbm, testRows, key.fold("pseudo"));
        out.printf(Locale.ROOT, "pseudo-log-likelihood (sklearn score_samples style: one random bit flipped per "
                + "image) = %.3f nats/image%n", pseudo.meanNumber().doubleValue());
        out.printf(Locale.ROOT, "reconstruction error (sum of squares per image, mean-field up-down) = %.3f%n",
                RbmScores.reconstructionError(rbm, testRows));
        INDArray samples = modelSamples(rbm, key.fold("samples"));
        out.printf(Locale.ROOT, "mean free energy: test data %.3f, model samples (%d Gibbs steps) %.3f%n",
                -meanNegFreeEnergy, gibbsSteps, RbmScores.meanFreeEnergy(rbm, samples));
        out.flush();
        return 0;
    }

    private int lastPercent = -1;

    /** One line per 10% of the AIS temperatures, with the time to go. */
    private void reportProgress(PrintWriter out, long started, int done, int total) {
        int percent = (int) (100L * done / total);
        if (percent / 10 == lastPercent / 10 && done < total) {
            return;
        }
        lastPercent = percent;
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "AIS %d/%d betas (%d%%), %.0f s elapsed, eta %.0f s%n", done, total, percent, seconds,
                seconds * (total - done) / Math.max(done, 1));
        out.flush();
    }

    /** 100 chains started from independent bits with p = σ(b_visible), run for {@code gibbsSteps} steps. */
    private INDArray modelSamples(BernoulliRbm rbm, RandomKey key) {
        INDArray start = BernoulliDraws.sampleInPlace(Transforms.sigmoid(rbm.visibleBias().castTo(rbm.dataType())
                .reshape(1, -1).repeat(0, 100), true), key.fold("start"));
        return SamplingDriver.run(new BlockGibbsKernel(rbm), start, Math.max(1, gibbsSteps), key.fold("chains"))
                .samples();
    }
}
