package org.ebm4j.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.bench.cli.RbmData;
import org.ebm4j.rbm.evaluation.RbmScores;
import org.ebm4j.rbm.io.SklearnNpyParameters;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.partition.AisEstimate;
import org.ebm4j.rbm.partition.AnnealedImportanceSampling;
import org.ebm4j.rbm.training.RbmTraining;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RBM of {@code sklearn_rbm.py} (500 hidden, PCD-1, batch 100, lr 0.05, binarised MNIST) trained on both sides:
 * seconds per epoch (ebm4j's default engine, the fused loop; the same with scikit-learn's PCD variant, chains that
 * keep hidden samples; and for the record the reference loop), and the test log-likelihood of both trained models
 * scored by one evaluator, ebm4j's AIS (the scikit-learn model is read from the {@code .npy} files the script
 * writes).
 *
 * <p>The epochs are timed in {@link #ROUNDS} interleaved rounds (scikit-learn, then each ebm4j variant, from the same
 * initial model every round) and each side reports its median: on a shared or virtualised machine one epoch's time
 * varies by ±20 % from minute to minute, and interleaving puts both sides in the same minutes.
 */
public final class RbmPcdPeer implements PeerComparison {

    private static final Logger LOG = LoggerFactory.getLogger(RbmPcdPeer.class);

    /** Timed rounds (one epoch of each side per round); 1 with {@code --quick}. */
    static final int ROUNDS = 3;

    @Override
    public List<PeerRow> compare(PeerContext context) throws Exception {
        context.baselines().require("sklearn_rbm.py", "sklearn", "python3-sklearn");
        int limit = context.quick() ? 6000 : 60000;
        int betas = context.quick() ? 1000 : 10000;
        int rounds = context.quick() ? 1 : ROUNDS;
        var peerDir = context.work().resolve("sklearn-rbm");
        Dataset train = RbmData.open(context.registry(), "mnist", context.data(), "train", limit);
        INDArray rows = train.allFeatures();
        warmUp(context, rows);

        double[] peer = new double[rounds];
        double[] fused = new double[rounds];
        double[] persistHidden = new double[rounds];
        double[] reference = new double[rounds];
        String impl = "sklearn";
        BernoulliRbm rbm = null;
        for (int round = 0; round < rounds; round++) {
            List<JsonNode> out = context.baselines().run("sklearn_rbm.py", 7200, peerDir, "--hidden", "500",
                    "--epochs", "1", "--limit", Integer.toString(limit), "--data", context.data().toString(),
                    "--out", peerDir.toString());
            JsonNode s = out.get(out.size() - 1);
            impl = s.path("impl").asText("sklearn");
            peer[round] = s.path("seconds_per_epoch").asDouble();
            rbm = initialRbm(rows);
            fused[round] = RbmTraining.trainer(rbm, train, RbmTraining.Settings.pcd(1, 0)).train().seconds();
            persistHidden[round] = RbmTraining.trainer(initialRbm(rows), train, RbmTraining.Settings.pcd(1, 0)
                    .withPersist(RbmTraining.Persist.HIDDEN)).train().seconds();
            reference[round] = RbmTraining.referenceTrainer(initialRbm(rows), train, RbmTraining.Settings.pcd(1, 0))
                    .train().seconds();
            LOG.info(String.format("rbm-pcd round %d/%d: seconds per epoch: scikit-learn %.2f, fused %.2f, persist "
                    + "hidden %.2f, reference %.2f", round + 1, rounds, peer[round], fused[round], persistHidden[round],
                    reference[round]));
        }

        INDArray test = RbmData.open(context.registry(), "mnist", context.data(), "test",
                context.quick() ? 1000 : 10000).allFeatures().castTo(DataType.DOUBLE);
        INDArray base = AnnealedImportanceSampling.baseRateBias(rows.castTo(DataType.DOUBLE));
        double llOurs = logLikelihood(rbm.castTo(DataType.DOUBLE), base, test, betas);
        double llPeer = logLikelihood(SklearnNpyParameters.load(peerDir, DataType.DOUBLE), base, test, betas);
        String timing = rounds == 1 ? "" : ", median of " + rounds + " interleaved rounds";
        double peerMedian = median(peer);
        return List.of(
                new PeerRow("rbm-pcd", "seconds per PCD-1 epoch (500 hidden, batch 100, " + limit + " images"
                        + timing + ")", median(fused), peerMedian, impl, true),
                new PeerRow("rbm-pcd", "seconds per PCD-1 epoch, chains keep hidden samples as scikit-learn's do"
                        + " (--persist hidden" + timing + ")", median(persistHidden), peerMedian, impl, true),
                new PeerRow("rbm-pcd", "seconds per PCD-1 epoch, reference engine (shared trainer, ND4J" + timing
                        + ")", median(reference), peerMedian, impl, true),
                new PeerRow("rbm-pcd", "test log-likelihood after 1 epoch, nats (ebm4j AIS, " + betas
                        + " temperatures)", llOurs, llPeer, impl, false));
    }

    /** @return the RBM every timed epoch starts from (the same each round and variant) */
    private static BernoulliRbm initialRbm(INDArray rows) {
        return BernoulliRbm.random(784, 500, 0.01, DataType.FLOAT, RandomKey.of(0).fold("init"))
                .initVisibleBiasFromData(rows);
    }

    /** @return the median of {@code x} (the mean of the middle two for an even count) */
    static double median(double[] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] sorted = x.clone();
        java.util.Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * One untimed epoch of each engine and variant on the first 5,000 images (50 updates), so that the timed epochs
     * run compiled code, as the conv comparisons warm up before timing (scikit-learn runs compiled NumPy from the
     * start).
     */
    private static void warmUp(PeerContext context, INDArray rows) throws Exception {
        INDArray slice = rows.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, Math.min(5000, rows.size(0))),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        Dataset small = new org.ebm4j.training.data.InMemoryDataset("warm-up", slice, null);
        for (RbmTraining.Settings s : List.of(RbmTraining.Settings.pcd(1, 1),
                RbmTraining.Settings.pcd(1, 1).withPersist(RbmTraining.Persist.HIDDEN))) {
            RbmTraining.trainer(BernoulliRbm.random(784, 500, 0.01, DataType.FLOAT, RandomKey.of(1)), small, s).train();
        }
        RbmTraining.referenceTrainer(BernoulliRbm.random(784, 500, 0.01, DataType.FLOAT, RandomKey.of(1)), small,
                RbmTraining.Settings.pcd(1, 1)).train();
    }

    private static double logLikelihood(BernoulliRbm rbm, INDArray base, INDArray test, int betas) {
        AisEstimate ais = AnnealedImportanceSampling.estimate(rbm, base, 100, betas, RandomKey.of(1));
        return RbmScores.meanLogLikelihood(rbm, test, ais.logPartition());
    }

    @Override
    public String description() {
        return "RBM PCD-1 epoch and AIS test log-likelihood vs scikit-learn's BernoulliRBM (sklearn_rbm.py)";
    }
}
