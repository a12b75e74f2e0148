package org.ebm4j.bench.cells;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.ParametricEnergy;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.api.training.IterationReport;
import org.ebm4j.api.training.TrainingContext;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.bench.quality.SampleQuality;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.ebm4j.bench.report.Charts;
import org.ebm4j.bench.report.SuiteReport;
import org.ebm4j.bench.suite.Cell;
import org.ebm4j.bench.suite.CellResult;
import org.ebm4j.bench.suite.CellRunner;
import org.ebm4j.bench.suite.Choice;
import org.ebm4j.bench.training.Component;
import org.ebm4j.bench.training.TrainingRun;
import org.ebm4j.bench.training.TrainingSpec;
import org.ebm4j.training.evaluation.Auroc;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cells of kind {@code ebm-training}: contrastive-divergence training of an energy net on an MNIST slice by the
 * recipe, with the cell's choices on the axes {@code sampler}, {@code buffer} and optionally {@code energy}
 * (default {@code conv-swish}), then evaluation.
 *
 * <p>Settings: {@code limit} (training images, default 2048), {@code epochs} (1), {@code steps} (sampler steps per
 * iteration, 60), {@code batch} (128), {@code generate_steps} (steps from noise for the quality samples, 256),
 * {@code samples} (256), {@code quality} ({@code true}: classifier-FID and inception score, training the cached
 * classifier on first use), {@code data} (MNIST folder).
 *
 * <p>Metrics: seconds per iteration, final CD term and loss, mean energy of 500 MNIST test images and of as many
 * uniform-noise images, AUROC of test vs noise by energy, and (with quality) classifier-FID and inception score of
 * samples generated from noise. Series: CD term and loss per iteration.
 */
public final class TrainingCellRunner implements CellRunner {

    @Override
    public Outcome run(Cell cell, ComponentRegistry registry) throws Exception {
        ComponentConfig settings = ComponentConfig.of("settings", cell.settings());
        int limit = settings.getPositiveInt("limit", 2048);
        Component dataset = Component.of("mnist").with("limit", limit);
        String data = settings.getString("data", "");
        if (!data.isEmpty()) {
            dataset = dataset.with("dir", data);
        }
        TrainingSpec spec = TrainingSpec.recipe(settings.getPositiveInt("epochs", 1))
                .withSampler(component(cell, "sampler", "seed-langevin"))
                .withBuffer(component(cell, "buffer", "seed-buffer"))
                .withEnergy(component(cell, "energy", "conv-swish"))
                .withDataset(dataset);
        spec = spec.withTrainer(spec.trainer().withSamplingSteps(settings.getPositiveInt("steps", 60))
                .withBatchSize(settings.getPositiveInt("batch", 128)).withSeed(cell.seed()));
        TrainingRun run = TrainingRun.assemble(registry, spec);
        List<double[]> cd = new ArrayList<>();
        List<double[]> loss = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        run.trainer().addListener(new TrainingListener() {
            @Override
            public void onIteration(TrainingContext context, IterationReport r) {
                cd.add(new double[] {r.iteration(), r.metrics().getOrDefault("cd", Double.NaN)});
                loss.add(new double[] {r.iteration(), r.metrics().getOrDefault("loss", Double.NaN)});
                seconds.add(r.metrics().getOrDefault("seconds", Double.NaN));
            }
        });
        run.trainer().train();

        Map<String, Double> m = new TreeMap<>();
        m.put("seconds_per_iteration", seconds.subList(Math.min(1, seconds.size() - 1), seconds.size()).stream()
                .mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
        m.put("iterations", (double) seconds.size());
        m.put("final_cd", cd.get(cd.size() - 1)[1]);
        m.put("final_loss", loss.get(loss.size() - 1)[1]);
        ParametricEnergy model = run.model();
        DataType dtype = model.parameters().values().iterator().next().dataType();
        Path dir = data.isEmpty() ? null : Path.of(data);
        INDArray test = SampleQuality.mnist(registry, dir, "test", 500).images();
        RandomKey key = RandomKey.of(cell.seed()).fold("evaluation");
        INDArray noise = uniform(key.fold("noise"), (int) test.size(0));
        double[] eTest = model.energy(test.castTo(dtype)).castTo(DataType.DOUBLE)
                .toDoubleVector();
        double[] eNoise = model.energy(noise.castTo(dtype)).castTo(DataType.DOUBLE)
                .toDoubleVector();
        m.put("energy_test", mean(eTest));
        m.put("energy_noise", mean(eNoise));
        // Low energy = likely: AUROC of "noise has higher energy than test digits".
        m.put("auroc_test_vs_noise", Auroc.of(eNoise, eTest));
        if (settings.getBoolean("quality", true)) {
            INDArray samples = SamplingDriver.run(run.sampler(), uniform(key.fold("generate"),
                    settings.getPositiveInt("samples", 256)).castTo(dtype),
                    settings.getPositiveInt("generate_steps", 256), key.fold("sampler")).finalState().position();
            SampleQuality quality = SampleQuality.againstMnistTest(registry, dir, line -> { });
            SampleQuality.Score score = quality.score(samples);
            m.put("classifier_fid", score.fid());
            m.put("inception_score", score.inceptionScore());
        }
        return new Outcome(m, Map.of("cd", cd, "loss", loss));
    }

    private static Component component(Cell cell, String axis, String defaultName) {
        Choice c = cell.axes().get(axis);
        return c == null ? Component.of(defaultName) : new Component(c.name(), c.params());
    }

    private static INDArray uniform(RandomKey key, int n) {
        return Nd4j.rand(key.nd4jRandom(), n, 1, 28, 28).castTo(DataType.FLOAT).muli(2).subi(1);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    @Override
    public String report(List<CellResult> results, Path dir) throws IOException {
        StringBuilder md = new StringBuilder("## Contrastive-divergence training on MNIST\n\n"
                + "Mean ± sd over seeds. Energies: mean E of 500 MNIST test digits and of 500 U(-1, 1) images; "
                + "AUROC: how often noise gets a higher energy than a test digit. Classifier-FID (lower is better) and "
                + "inception score (higher is better, at most 10) of samples generated from noise.\n\n"
                + "| configuration | s/iteration | E test | E noise | AUROC test vs noise | classifier-FID | IS |\n"
                + "|---|---|---|---|---|---|---|\n");
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        Map<String, double[]> fid = new LinkedHashMap<>();
        SuiteReport.byConfiguration(results).forEach((config, group) -> {
            md.append("| ").append(config);
            for (String metric : List.of("seconds_per_iteration", "energy_test", "energy_noise",
                    "auroc_test_vs_noise", "classifier_fid", "inception_score")) {
                double[] s = SuiteReport.meanSd(group, metric);
                md.append(" | ").append(s[2] == 0 ? "" : SuiteReport.format(s[0], s[1]));
            }
            md.append(" |\n");
            curves.put(config + " (seed " + group.get(0).cell().seed() + ")",
                    group.get(0).series().getOrDefault("cd", List.of()));
            double[] f = SuiteReport.meanSd(group, "classifier_fid");
            if (f[2] > 0) {
                fid.put(config, new double[] {f[0], f[1]});
            }
        });
        Charts.lines(dir.resolve("cd-per-iteration.png"), "CD term E(real) - E(fake) per iteration", "iteration",
                "CD term", curves, false, false);
        md.append("\n![CD term per iteration](cd-per-iteration.png)\n");
        if (!fid.isEmpty()) {
            Charts.bars(dir.resolve("classifier-fid.png"), "Classifier-FID of generated samples (lower is better)",
                    "classifier-FID", fid, false);
            md.append("![classifier-FID](classifier-fid.png)\n");
        }
        return md.append('\n').toString();
    }

    @Override
    public String description() {
        return "CD training of an energy net on an MNIST slice: speed, energies, AUROC, classifier-FID";
    }
}
