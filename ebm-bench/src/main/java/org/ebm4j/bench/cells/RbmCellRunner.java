package org.ebm4j.bench.cells;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.training.TrainingSummary;
import org.ebm4j.bench.cli.RbmData;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.ebm4j.bench.report.Charts;
import org.ebm4j.bench.report.SuiteReport;
import org.ebm4j.bench.suite.Cell;
import org.ebm4j.bench.suite.CellResult;
import org.ebm4j.bench.suite.CellRunner;
import org.ebm4j.bench.suite.Choice;
import org.ebm4j.rbm.evaluation.RbmScores;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.partition.AisEstimate;
import org.ebm4j.rbm.partition.AnnealedImportanceSampling;
import org.ebm4j.rbm.partition.ExactPartition;
import org.ebm4j.rbm.gibbs.TemperatureLadder;
import org.ebm4j.rbm.training.RbmTraining;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Cells of kind {@code rbm}: a Bernoulli RBM trained on binarised MNIST (pixel &gt; 127) through the shared trainer,
 * then scored. Axis {@code algorithm}: {@code cd}, {@code pcd} or {@code pt} with params {@code k}, {@code lr},
 * {@code momentum}, {@code weight-decay} (and for pt {@code temperatures}, default 10, and {@code beta-min}, 0.1, a
 * geometric ladder). Settings: {@code hidden} (default 16), {@code epochs} (5), {@code batch} (100), {@code limit}
 * (training images, 0 = all), {@code test_limit} (test images, default 10000), {@code ais_runs}
 * (100), {@code ais_betas} (10000), {@code data}.
 *
 * <p>Metrics: seconds per epoch; test log-likelihood per image in nats by AIS with its ±3σ bounds, and the exact value
 * when the smaller layer has at most 25 units (then also AIS's error against it); pseudo-log-likelihood and
 * reconstruction error on the test images.
 */
public final class RbmCellRunner implements CellRunner {

    @Override
    public Outcome run(Cell cell, ComponentRegistry registry) throws Exception {
        ComponentConfig settings = ComponentConfig.of("settings", cell.settings());
        Choice algo = cell.axis("algorithm");
        ComponentConfig a = ComponentConfig.of(algo.name(), algo.params());
        RbmTraining.Algorithm algorithm = switch (algo.name()) {
            case "cd" -> RbmTraining.Algorithm.CD;
            case "pcd" -> RbmTraining.Algorithm.PCD;
            case "pt" -> RbmTraining.Algorithm.PT;
            default -> throw new IllegalArgumentException("algorithm = '" + algo.name() + "'; expected cd, pcd or pt");
        };
        int epochs = settings.getPositiveInt("epochs", 5);
        TemperatureLadder ladder = algorithm == RbmTraining.Algorithm.PT
                ? TemperatureLadder.geometric(a.getPositiveInt("temperatures", 10), a.getDouble("beta-min", 0.1))
                : null;
        RbmTraining.Settings training = new RbmTraining.Settings(algorithm, a.getPositiveInt("k", 1), epochs,
                settings.getPositiveInt("batch", 100), a.getDouble("lr", 0.05), 1.0, a.getDouble("momentum", 0),
                a.getDouble("weight-decay", 0), cell.seed(), ladder, null);
        String dir = settings.getString("data", "");
        Path data = dir.isEmpty() ? null : Path.of(dir);
        Dataset train = RbmData.open(registry, "mnist", data, "train", settings.getNonNegativeInt("limit", 0));
        INDArray trainRows = train.allFeatures();
        INDArray test = RbmData.open(registry, "mnist", data, "test",
                settings.getPositiveInt("test_limit", 10000)).allFeatures().castTo(DataType.DOUBLE);
        RandomKey key = RandomKey.of(cell.seed());
        BernoulliRbm rbm = BernoulliRbm.random((int) train.sampleShape()[0], settings.getPositiveInt("hidden", 16),
                0.01, DataType.FLOAT, key.fold("init")).initVisibleBiasFromData(trainRows);
        TrainingSummary summary = RbmTraining.trainer(rbm, train, training).train();

        Map<String, Double> m = new TreeMap<>();
        m.put("seconds_per_epoch", summary.seconds() / epochs);
        BernoulliRbm scored = rbm.castTo(DataType.DOUBLE);
        AisEstimate ais = AnnealedImportanceSampling.estimate(scored,
                AnnealedImportanceSampling.baseRateBias(trainRows.castTo(DataType.DOUBLE)),
                settings.getPositiveInt("ais_runs", 100), settings.getPositiveInt("ais_betas", 10000),
                key.fold("ais"));
        double llAis = RbmScores.meanLogLikelihood(scored, test, ais.logPartition());
        m.put("test_loglik_ais", llAis);
        // log-likelihood falls as log Z rises: the upper bound of log Z gives the lower bound of the likelihood.
        m.put("test_loglik_ais_lower", RbmScores.meanLogLikelihood(scored, test, ais.upper()));
        m.put("test_loglik_ais_upper", RbmScores.meanLogLikelihood(scored, test, ais.lower()));
        m.put("ais_log_z", ais.logPartition());
        m.put("ais_ess", ais.effectiveSampleSize());
        if (Math.min(scored.visibleUnits(), scored.hiddenUnits()) <= ExactPartition.MAX_ENUMERATED_UNITS) {
            double logZ = ExactPartition.logPartition(scored);
            m.put("exact_log_z", logZ);
            m.put("test_loglik_exact", RbmScores.meanLogLikelihood(scored, test, logZ));
            m.put("ais_log_z_error", ais.logPartition() - logZ);
        }
        m.put("test_pseudo_loglik", RbmScores.pseudoLogLikelihood(scored, test, key.fold("pl")).meanNumber()
                .doubleValue());
        m.put("reconstruction_error", RbmScores.reconstructionError(scored, test));
        return new Outcome(m, Map.of());
    }

    @Override
    public String report(List<CellResult> results, Path dir) throws IOException {
        StringBuilder md = new StringBuilder("## RBMs on binarised MNIST\n\n"
                + "Test log-likelihood in nats per image (mean ± sd over seeds): by AIS (Salakhutdinov & Murray 2008) "
                + "with the ±3σ interval of the first seed, and exact (enumeration) where the hidden layer is small "
                + "enough. Published 500-hidden values: CD-1 ≈ −125.5, CD-25 ≈ −86.3 nats.\n\n"
                + "| configuration | s/epoch | test LL (AIS) | AIS interval | test LL (exact) | AIS log Z − exact | "
                + "pseudo-LL | recon. error |\n|---|---|---|---|---|---|---|---|\n");
        Map<String, double[]> ll = new LinkedHashMap<>();
        SuiteReport.byConfiguration(results).forEach((config, group) -> {
            CellResult first = group.get(0);
            md.append("| ").append(config);
            for (String metric : List.of("seconds_per_epoch", "test_loglik_ais")) {
                double[] s = SuiteReport.meanSd(group, metric);
                md.append(" | ").append(s[2] == 0 ? "" : SuiteReport.format(s[0], s[1]));
            }
            md.append(String.format(Locale.ROOT, " | [%s, %s]", SuiteReport.number(
                    first.metric("test_loglik_ais_lower")), SuiteReport.number(first.metric("test_loglik_ais_upper"))));
            for (String metric : List.of("test_loglik_exact", "ais_log_z_error", "test_pseudo_loglik",
                    "reconstruction_error")) {
                double[] s = SuiteReport.meanSd(group, metric);
                md.append(" | ").append(s[2] == 0 ? "" : SuiteReport.format(s[0], s[1]));
            }
            md.append(" |\n");
            double[] s = SuiteReport.meanSd(group, "test_loglik_ais");
            ll.put(config, new double[] {s[0], s[1]});
        });
        Charts.bars(dir.resolve("rbm-test-loglik.png"), "Test log-likelihood per image (AIS), nats", "nats", ll,
                false);
        return md.append("\n![test log-likelihood](rbm-test-loglik.png)\n\n").toString();
    }

    @Override
    public String description() {
        return "an RBM trained by CD-k or PCD on binarised MNIST: time per epoch, AIS and exact test log-likelihood";
    }
}
