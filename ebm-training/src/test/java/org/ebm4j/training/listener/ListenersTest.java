package org.ebm4j.training.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.ebm4j.api.training.IterationReport;
import org.ebm4j.api.training.TrainingContext;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingSummary;
import org.ebm4j.training.checkpoint.TrainingCheckpoint;
import org.ebm4j.training.data.InMemoryDataset;
import org.ebm4j.training.loop.EbmTrainer;
import org.ebm4j.training.loop.TrainerConfig;
import org.ebm4j.training.objective.ContrastiveDivergence;
import org.ebm4j.training.optim.Adam;
import org.ebm4j.training.testing.DiagonalGaussianEnergy;
import org.ebm4j.training.testing.ExactGaussianKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ListenersTest {

    @TempDir
    Path dir;

    static EbmTrainer trainer(TrainerConfig config) {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 64, 4).muli(2).subi(1);
        DiagonalGaussianEnergy model = new DiagonalGaussianEnergy(4);
        return EbmTrainer.builder().model(model).data(new InMemoryDataset("toy", x, null))
                .sampler(new ExactGaussianKernel(model)).objective(new ContrastiveDivergence(0.1))
                .optimizer(new Adam(0, 0.999, 1e-8, 0)).config(config).build();
    }

    static TrainerConfig config() {
        return TrainerConfig.defaults(3).withBatchSize(16).withSamplingSteps(1)
                .withChainStart(TrainerConfig.ChainStart.DATA).withSeed(5);
    }

    static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file);
    }

    @Test
    void metricsFilesAndSampleGridsAreWrittenAndContinueAcrossAResume() throws Exception {
        Path csv = dir.resolve("metrics.csv");
        Path jsonl = dir.resolve("metrics.jsonl");
        Path ckpt = dir.resolve("run.ckpt");
        EbmTrainer first = trainer(config().withCheckpoints(ckpt, 4));
        first.addListener(new MetricsCsvListener(csv));
        first.addListener(new MetricsJsonLinesListener(jsonl));
        SampleGridListener grids = new SampleGridListener(dir.resolve("samples"), 5, 9);
        first.addListener(grids);
        first.addListener(new TrainingListener() {
            @Override
            public void onIteration(TrainingContext context, IterationReport report) {
                if (report.iteration() == 6) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        });
        assertThatThrownBy(first::train).hasMessage("simulated crash");
        assertThat(lines(csv)).hasSize(1 + 6);
        assertThat(Files.exists(grids.fileOf(5))).isTrue();

        EbmTrainer second = trainer(config());
        second.restore(TrainingCheckpoint.read(ckpt)); // iteration 4
        second.addListener(new MetricsCsvListener(csv));
        second.addListener(new MetricsJsonLinesListener(jsonl));
        second.addListener(grids);
        second.train();

        List<String> rows = lines(csv);
        assertThat(rows.get(0)).startsWith("iteration,epoch,learning_rate,").contains("cd", "e_neg", "e_pos",
                "grad_norm", "loss", "reg");
        assertThat(rows).hasSize(1 + 12);
        for (int i = 1; i <= 12; i++) {
            assertThat(rows.get(i)).startsWith(i + ",");
        }
        assertThat(rows.get(12)).startsWith("12,2,");
        List<String> json = lines(jsonl);
        assertThat(json).hasSize(12);
        assertThat(json.get(11)).startsWith("{\"iteration\":12,\"epoch\":2,\"learning_rate\":")
                .contains("\"acceptance\":1.0", "\"e_pos\":").endsWith("}");
        assertThat(Files.exists(grids.fileOf(10))).isTrue();
        // The run ended between grids: its last negatives are written too, and nothing in between.
        assertThat(Files.exists(grids.fileOf(12))).isTrue();
        assertThat(Files.exists(grids.fileOf(11))).isFalse();
        assertThat(javax.imageio.ImageIO.read(grids.fileOf(10).toFile()).getWidth())
                .isEqualTo(3 * 2 + 4 * org.ebm4j.training.image.ImageGrid.GAP); // 9 tiles of 2x2 in 3 columns
    }

    @Test
    void logLinesShowRateAndEta() {
        AtomicLong now = new AtomicLong();
        List<String> out = new ArrayList<>();
        LogListener log = new LogListener(out::add, 10, now::get);
        DiagonalGaussianEnergy model = new DiagonalGaussianEnergy(2);
        TrainingContext context = new TrainingContext(model, 2, 50, 0);
        log.onStart(context);
        now.set(5_000_000_000L);
        Map<String, Double> metrics = Map.of("loss", -0.5, "cd", -0.25, "e_pos", 1e-5, "acceptance", Double.NaN);
        log.onIteration(context, new IterationReport(9, 0, 1e-4, metrics, null));
        log.onIteration(context, new IterationReport(10, 0, 1e-4, metrics, null));
        log.onFinish(context, new TrainingSummary(10, 5, false, "interrupted", metrics));
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).isEqualTo("training diagonal-gaussian d=2: 2 epochs x 50 iterations");
        // 10 iterations in 5 s: 2 it/s; 90 left: 45 s
        assertThat(out.get(1)).isEqualTo(
                "epoch 1/2 iter 10/100 (10.0%) loss=-0.5000 cd=-0.2500 e_pos=1.000e-05 lr=1.000e-04 | 2.000 it/s, ETA 45s");
        assertThat(out.get(2)).isEqualTo("stopped after 10 iterations in 5s: interrupted");
        assertThat(RunClock.duration(3725)).isEqualTo("1h02m");
        assertThat(RunClock.duration(187)).isEqualTo("3m07s");
    }

    @Test
    void progressBarRedrawsInPlaceOnATerminalAndLogsLinesOtherwise() {
        ByteArrayOutputStream tty = new ByteArrayOutputStream();
        EbmTrainer a = trainer(config());
        a.addListener(new ProgressBarListener(new java.io.PrintWriter(new java.io.OutputStreamWriter(tty, StandardCharsets.UTF_8), true), true, 5));
        a.train();
        String drawn = tty.toString(StandardCharsets.UTF_8);
        assertThat(drawn).startsWith("\r[").contains("] 100.0% 12/12", "it/s ETA").endsWith("\n");
        assertThat(drawn.chars().filter(c -> c == '\n').count()).isEqualTo(1); // redrawn with \r, one newline

        ByteArrayOutputStream pipe = new ByteArrayOutputStream();
        EbmTrainer b = trainer(config());
        b.addListener(new ProgressBarListener(new java.io.PrintWriter(new java.io.OutputStreamWriter(pipe, StandardCharsets.UTF_8), true), false, 5));
        b.train();
        String logged = pipe.toString(StandardCharsets.UTF_8);
        assertThat(logged).doesNotContain("\r");
        List<String> lines = logged.lines().toList();
        // start, iterations 5 and 10, epoch ends 4 and 8 (not multiples of 5), 12 (the last), finish
        assertThat(lines).hasSize(1 + 2 + 2 + 1 + 1);
        assertThat(lines.get(lines.size() - 1)).startsWith("finished after 12 iterations");
    }
}
