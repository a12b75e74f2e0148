package org.ebm4j.training.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.training.IterationReport;
import org.ebm4j.api.training.TrainingContext;
import org.ebm4j.api.training.TrainingDivergedException;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingSummary;
import org.ebm4j.training.buffer.ReservoirBuffer;
import org.ebm4j.training.checkpoint.TrainingCheckpoint;
import org.ebm4j.training.data.InMemoryDataset;
import org.ebm4j.training.objective.ContrastiveDivergence;
import org.ebm4j.training.optim.Adam;
import org.ebm4j.training.testing.DiagonalGaussianEnergy;
import org.ebm4j.training.testing.ExactGaussianKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

class EbmTrainerTest {

    private static final int N = 2048;
    private static final int BATCH = 256;

    @TempDir
    Path dir;

    /** Data ~ N((1, −2), diag(0.5², 2²)), fixed seed. */
    static InMemoryDataset gaussianData() throws Exception {
        INDArray x = Nd4j.create(DataType.DOUBLE, N, 2);
        try (Random rng = RandomKey.of(7).nd4jRandom()) {
            Nd4j.getExecutioner().exec(new GaussianDistribution(x, 0, 1), rng);
        }
        x.muliRowVector(Nd4j.createFromArray(0.5, 2.0)).addiRowVector(Nd4j.createFromArray(1.0, -2.0));
        return new InMemoryDataset("gaussian", x, null);
    }

    static TrainerConfig config(int epochs) {
        return TrainerConfig.defaults(epochs).withBatchSize(BATCH).withSamplingSteps(1)
                .withLearningRate(0.05, 0.9).withGradientClipNorm(Double.POSITIVE_INFINITY)
                .withDataNoise(0, false, 0, 0).withChainStart(TrainerConfig.ChainStart.DATA).withSeed(11);
    }

    static EbmTrainer trainer(DiagonalGaussianEnergy model, InMemoryDataset data, TrainerConfig config) {
        return EbmTrainer.builder().model(model).data(data).sampler(new ExactGaussianKernel(model))
                .objective(new ContrastiveDivergence(0)).optimizer(new Adam(0.9, 0.999, 1e-8, 0)).config(config)
                .build();
    }

    @Test
    void cdWithExactNegativesIsMaximumLikelihood() throws Exception {
        InMemoryDataset data = gaussianData();
        DiagonalGaussianEnergy model = new DiagonalGaussianEnergy(2);
        List<IterationReport> reports = new ArrayList<>();
        EbmTrainer trainer = trainer(model, data, config(40));
        trainer.addListener(new TrainingListener() {
            @Override
            public void onIteration(TrainingContext context, IterationReport report) {
                reports.add(report);
            }
        });
        TrainingSummary summary = trainer.train();

        assertThat(summary.completed()).isTrue();
        assertThat(summary.iterations()).isEqualTo(40L * (N / BATCH));
        assertThat(reports).hasSize((int) summary.iterations());
        assertThat(reports.get(0).metrics()).containsKeys("loss", "cd", "reg", "e_pos", "e_neg", "grad_norm");
        // The MLE is the sample mean/std of the data. The fixed point is estimated from BATCH exact negatives per
        // update, so the error is bounded by the standard error of one batch mean: std / sqrt(BATCH). Allow 5 SE.
        INDArray all = data.all();
        for (int d = 0; d < 2; d++) {
            double sampleMean = all.getColumn(d).meanNumber().doubleValue();
            double sampleStd = all.getColumn(d).stdNumber().doubleValue();
            double se = sampleStd / Math.sqrt(BATCH);
            assertThat(model.mean().getDouble(0, d)).isCloseTo(sampleMean, org.assertj.core.data.Offset.offset(5 * se));
            // std of the sample std ≈ std / sqrt(2 BATCH)
            assertThat(model.std().getDouble(0, d)).isCloseTo(sampleStd,
                    org.assertj.core.data.Offset.offset(5 * sampleStd / Math.sqrt(2.0 * BATCH)));
        }
    }

    @Test
    void resumingFromACheckpointReproducesTheUninterruptedRun() throws Exception {
        InMemoryDataset data = gaussianData();
        DiagonalGaussianEnergy straight = new DiagonalGaussianEnergy(2);
        trainer(straight, data, config(3)).train();

        // Same run, stopped after 1.5 epochs (checkpoint every 12 iterations; 8 per epoch) and resumed in a new trainer.
        Path ckpt = dir.resolve("run.ckpt");
        DiagonalGaussianEnergy first = new DiagonalGaussianEnergy(2);
        EbmTrainer part1 = trainer(first, data, config(3).withCheckpoints(ckpt, 12));
        part1.addListener(new TrainingListener() {
            @Override
            public void onIteration(TrainingContext context, IterationReport report) {
                if (report.iteration() == 12) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        });
        assertThatThrownBy(part1::train).hasMessage("simulated crash");
        TrainingCheckpoint saved = TrainingCheckpoint.read(ckpt);
        assertThat(saved.iteration()).isEqualTo(8); // the epoch-end checkpoint; iteration 12's was not yet written

        DiagonalGaussianEnergy resumed = new DiagonalGaussianEnergy(2);
        EbmTrainer part2 = trainer(resumed, data, config(3));
        part2.restore(saved);
        part2.train();
        assertThat(part2.iteration()).isEqualTo(24);
        assertThat(resumed.parameters().get("mu")).isEqualTo(straight.parameters().get("mu"));
        assertThat(resumed.parameters().get("log_std")).isEqualTo(straight.parameters().get("log_std"));
    }

    @Test
    void resumingRestoresAReservoirBufferWithItsCounters() throws Exception {
        InMemoryDataset data = gaussianData();
        TrainerConfig cfg = config(2).withChainStart(TrainerConfig.ChainStart.BUFFER);
        ReservoirBuffer straightBuffer = new ReservoirBuffer(new long[] {2}, 300, 0.05, -1, 1, DataType.DOUBLE, 5);
        DiagonalGaussianEnergy straight = new DiagonalGaussianEnergy(2);
        EbmTrainer.builder().model(straight).data(data).sampler(new ExactGaussianKernel(straight))
                .buffer(straightBuffer).objective(new ContrastiveDivergence(0))
                .optimizer(new Adam(0.9, 0.999, 1e-8, 0)).config(cfg).build().train();

        Path ckpt = dir.resolve("reservoir.ckpt");
        DiagonalGaussianEnergy first = new DiagonalGaussianEnergy(2);
        EbmTrainer part1 = EbmTrainer.builder().model(first).data(data).sampler(new ExactGaussianKernel(first))
                .buffer(new ReservoirBuffer(new long[] {2}, 300, 0.05, -1, 1, DataType.DOUBLE, 5))
                .objective(new ContrastiveDivergence(0)).optimizer(new Adam(0.9, 0.999, 1e-8, 0))
                .config(cfg.withEpochs(1).withCheckpoints(ckpt, 100)).build();
        part1.train();
        TrainingCheckpoint saved = TrainingCheckpoint.read(ckpt);
        assertThat(saved.metadata()).containsEntry("buffer.counter.seen", Long.toString(8L * BATCH));

        ReservoirBuffer resumedBuffer = new ReservoirBuffer(new long[] {2}, 300, 0.05, -1, 1, DataType.DOUBLE, 5);
        DiagonalGaussianEnergy resumed = new DiagonalGaussianEnergy(2);
        EbmTrainer part2 = EbmTrainer.builder().model(resumed).data(data).sampler(new ExactGaussianKernel(resumed))
                .buffer(resumedBuffer).objective(new ContrastiveDivergence(0))
                .optimizer(new Adam(0.9, 0.999, 1e-8, 0)).config(cfg).build();
        part2.restore(saved);
        part2.train();
        assertThat(resumedBuffer.seen()).isEqualTo(straightBuffer.seen());
        assertThat(resumedBuffer.snapshot()).isEqualTo(straightBuffer.snapshot());
        assertThat(resumed.parameters().get("mu")).isEqualTo(straight.parameters().get("mu"));
    }

    @Test
    void positivesGetTheRecipesNoiseAndAreClampedAndTermsAreReportedSeparately() {
        int n = 512;
        INDArray x = Nd4j.create(DataType.DOUBLE, n, 2);
        x.getColumn(0).assign(0.999);
        x.getColumn(1).assign(0.2);
        InMemoryDataset data = new InMemoryDataset("constant", x, null);
        List<INDArray> positives = new ArrayList<>();
        ContrastiveDivergence cd = new ContrastiveDivergence(0.1);
        org.ebm4j.api.training.Objective recording = (model, positive, negative) -> {
            positives.add(positive.dup());
            return cd.evaluate(model, positive, negative);
        };
        DiagonalGaussianEnergy model = new DiagonalGaussianEnergy(2);
        List<IterationReport> reports = new ArrayList<>();
        // The recipe's defaults: N(0, 0.005²) noise on real data, then clamping to [-1, 1].
        EbmTrainer trainer = EbmTrainer.builder().model(model).data(data).sampler(new ExactGaussianKernel(model))
                .objective(recording).optimizer(new Adam(0, 0.999, 1e-8, 0))
                .config(TrainerConfig.defaults(1).withBatchSize(n).withSamplingSteps(1)
                        .withChainStart(TrainerConfig.ChainStart.DATA)).build();
        trainer.addListener(new TrainingListener() {
            @Override
            public void onIteration(TrainingContext context, IterationReport report) {
                reports.add(report);
            }
        });
        trainer.train();
        INDArray pos = positives.get(0);
        double std = pos.getColumn(1).stdNumber().doubleValue();
        assertThat(pos.getColumn(1).meanNumber().doubleValue())
                .isCloseTo(0.2, org.assertj.core.data.Offset.offset(5 * 0.005 / Math.sqrt(n)));
        assertThat(std).isCloseTo(0.005, org.assertj.core.data.Offset.offset(5 * 0.005 / Math.sqrt(2.0 * n)));
        // 0.999 + N(0, 0.005²) exceeds 1 with probability P(Z > 0.2) = 0.4207, and is then clamped to exactly 1.
        assertThat(pos.getColumn(0).maxNumber().doubleValue()).isEqualTo(1.0);
        double atOne = pos.getColumn(0).eq(1.0).castTo(DataType.DOUBLE).sumNumber().doubleValue() / n;
        assertThat(atOne).isCloseTo(0.4207, org.assertj.core.data.Offset.offset(5 * Math.sqrt(0.42 * 0.58 / n)));
        assertThat(x.getDouble(0, 1)).isEqualTo(0.2); // the dataset itself is untouched
        java.util.Map<String, Double> m = reports.get(0).metrics();
        assertThat(m).containsKeys("loss", "cd", "reg", "e_pos", "e_neg", "grad_norm", "acceptance", "seconds");
        assertThat(m.get("loss")).isCloseTo(m.get("cd") + 0.1 * m.get("reg"),
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void divergenceStopsBeforeTheUpdateAndNamesTheLastGoodCheckpoint() throws Exception {
        InMemoryDataset data = gaussianData();
        Path ckpt = dir.resolve("run.ckpt");
        PoisonedGaussian model = new PoisonedGaussian(2, 10);
        EbmTrainer trainer = EbmTrainer.builder().model(model).data(data).sampler(new ExactGaussianKernel(model))
                .objective(new ContrastiveDivergence(0)).optimizer(new Adam(0.9, 0.999, 1e-8, 0))
                .config(config(5).withCheckpoints(ckpt, 4)).build();
        assertThatThrownBy(trainer::train).isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("iteration 10")
                .hasMessageContaining("NaN")
                .hasMessageContaining("Last good checkpoint: " + ckpt);
        assertThat(trainer.iteration()).isEqualTo(9);
        TrainingCheckpoint last = TrainingCheckpoint.read(ckpt);
        assertThat(last.iteration()).isEqualTo(8);
        for (INDArray p : last.parameters().values()) {
            assertThat(p.isNaN().any()).isFalse();
        }
        assertThat(Files.list(dir)).containsExactly(ckpt);
    }

    @Test
    void invalidSetupsFailWithClearMessages() throws Exception {
        InMemoryDataset data = gaussianData();
        DiagonalGaussianEnergy model3 = new DiagonalGaussianEnergy(3);
        assertThatThrownBy(() -> trainer(model3, data, config(1)))
                .hasMessage("data 'gaussian' has sample shape [2]; the model expects [3]");
        DiagonalGaussianEnergy model = new DiagonalGaussianEnergy(2);
        assertThatThrownBy(() -> trainer(model, data, config(1).withBatchSize(4096)))
                .hasMessage("data 'gaussian' has 2048 samples; expected at least batch_size = 4096");
        assertThatThrownBy(() -> trainer(model, data, config(1).withChainStart(TrainerConfig.ChainStart.BUFFER)))
                .hasMessageContaining("needs a replay buffer");
        assertThatThrownBy(() -> config(1).withLearningRate(1e-4, 1.5)).hasMessage("lr_decay = 1.5; expected a number in (0, 1]");
        assertThatThrownBy(() -> config(0)).hasMessage("epochs = 0; expected an integer >= 1");
        DiagonalGaussianEnergy other = new DiagonalGaussianEnergy(2);
        EbmTrainer t = trainer(other, data, config(1).withSeed(99));
        TrainingCheckpoint ckpt = trainer(model, data, config(1)).checkpoint();
        assertThatThrownBy(() -> t.restore(ckpt)).hasMessageContaining("checkpoint seed = 11; this run's seed is 99");
    }

    /** Energies turn NaN from the {@code poisonAt}-th iteration on (CD evaluates E twice per iteration). */
    static final class PoisonedGaussian extends DiagonalGaussianEnergy {
        private final int poisonAt;
        private int calls;

        PoisonedGaussian(int dim, int poisonAt) {
            super(dim);
            this.poisonAt = poisonAt;
        }

        @Override
        public INDArray energy(INDArray x) {
            INDArray e = super.energy(x);
            // assign, not muli: ND4J turns a scalar multiply by NaN into 1e-5
            return ++calls >= 2 * poisonAt - 1 ? e.assign(Double.NaN) : e;
        }
    }
}
