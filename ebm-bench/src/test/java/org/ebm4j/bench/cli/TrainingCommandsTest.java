package org.ebm4j.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.ebm4j.api.io.TensorArchive;
import org.ebm4j.training.checkpoint.TrainingCheckpoint;
import org.ebm4j.training.data.IdxDatasetFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ebm train}, {@code generate} and {@code ood} on 48 MNIST images with a test-only energy and sampler
 * ({@link TinyImageModelModule}), 3 iterations per epoch.
 */
class TrainingCommandsTest {

    static String mnist;

    @TempDir
    Path dir;

    @BeforeAll
    static void locateMnist() {
        mnist = IdxDatasetFactory.defaultMnistDirectory().orElseThrow(() -> new IllegalStateException(
                "MNIST not found beside the checkout (shared/data/mnist)")).toString();
    }

    static InfoCommandTest.Run run(String... args) {
        return InfoCommandTest.run(args);
    }

    static String[] train(Path out, int epochs, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--energy", "test-tiny-image", "--sampler",
                "test-langevin", "--data", mnist, "--limit", "48", "--batch", "16", "--steps", "3",
                "--epochs", Integer.toString(epochs), "--lr", "1e-3", "--sample-every", "2", "--log-every", "1",
                "--set", "sampler.step_size=0.05", "--out", out.toString()));
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    @Test
    void trainWritesCheckpointMetricsAndSamplesAndResumesExactly() throws Exception {
        Path out = dir.resolve("run");
        InfoCommandTest.Run first = run(train(out, 1));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("epoch 1/1 iter 3/3", "it/s, ETA", "trained test-tiny-image");
        assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(1 + 3);
        assertThat(Files.readAllLines(out.resolve("metrics.jsonl"))).hasSize(3);
        assertThat(ImageIO.read(out.resolve("samples/samples-000002.png").toFile()).getWidth()).isGreaterThan(28 * 4);
        assertThat(Files.exists(out.resolve("model.ebm"))).isTrue();
        TrainingCheckpoint ckpt = TrainingCheckpoint.read(out.resolve("checkpoint.ckpt"));
        assertThat(ckpt.iteration()).isEqualTo(3);
        assertThat(ckpt.metadata()).containsEntry("spec.energy", "test-tiny-image")
                .containsEntry("spec.sampler.step_size", "0.05").containsEntry("spec.buffer", "seed-buffer")
                .containsEntry("spec.objective.alpha", "0.1");
        assertThat(ckpt.buffer().shape()).containsExactly(48, 1, 28, 28);

        InfoCommandTest.Run again = run(train(out, 1));
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already holds checkpoint.ckpt; expected --resume");

        InfoCommandTest.Run changed = run(train(out, 2, "--resume", "--set", "sampler.noise=0.02"));
        assertThat(changed.exitCode()).isEqualTo(2);
        assertThat(changed.err()).contains("cannot resume", "sampler.noise: checkpoint unset, now 0.02");

        InfoCommandTest.Run resumed = run(train(out, 2, "--resume"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming", "after iteration 3");
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        assertThat(rows).hasSize(1 + 6);
        assertThat(rows.get(6)).startsWith("6,1,");

        Path straight = dir.resolve("straight");
        assertThat(run(train(straight, 2)).exitCode()).isZero();
        TrainingCheckpoint a = TrainingCheckpoint.read(out.resolve("checkpoint.ckpt"));
        TrainingCheckpoint b = TrainingCheckpoint.read(straight.resolve("checkpoint.ckpt"));
        assertThat(a.iteration()).isEqualTo(6);
        assertThat(a.parameters()).isEqualTo(b.parameters());
        assertThat(a.buffer()).isEqualTo(b.buffer());
    }

    @Test
    void generateAndOodReadTheCheckpoint() throws Exception {
        Path out = dir.resolve("run");
        assertThat(run(train(out, 1)).exitCode()).isZero();
        Path ckpt = out.resolve("checkpoint.ckpt");

        Path gen = dir.resolve("gen");
        InfoCommandTest.Run g = run("generate", "--checkpoint", ckpt.toString(), "--steps", "6", "--n", "9",
                "--frames", "4", "--strip-chains", "3", "--out", gen.toString());
        assertThat(g.exitCode()).as(g.err()).isZero();
        assertThat(g.out()).contains("9 chains x 6 steps of test-langevin{step_size=0.05}");
        var grid = ImageIO.read(gen.resolve("samples.png").toFile());
        assertThat(grid.getWidth()).isEqualTo(3 * 28 + 4 * 2);
        var strip = ImageIO.read(gen.resolve("chain-strip.png").toFile());
        assertThat(strip.getWidth()).isEqualTo(4 * 28 + 5 * 2);
        assertThat(strip.getHeight()).isEqualTo(3 * 28 + 4 * 2);
        assertThat(Files.size(gen.resolve("chain.gif"))).isPositive();
        assertThat(TensorArchive.read(gen.resolve("samples.ebm")).arrays().get("samples").shape())
                .containsExactly(9, 1, 28, 28);
        assertThat(org.ebm4j.bench.quality.SampleQuality.readSamples(gen.resolve("samples-idx3-ubyte")).shape())
                .isEqualTo(TensorArchive.read(gen.resolve("samples.ebm")).arrays().get("samples").shape());

        Path ood = dir.resolve("ood");
        InfoCommandTest.Run o = run("ood", "--checkpoint", ckpt.toString(), "--n", "40", "--data", mnist,
                "--idx", mnist, "--out", ood.toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("mnist/test", "uniform noise", "mirrored", "rotated 90", "AUROC");
        List<String> csv = Files.readAllLines(ood.resolve("ood.csv"));
        assertThat(csv).hasSize(1 + 5);
        assertThat(csv.get(0)).isEqualTo("set,n,mean_energy,std_energy,auroc");
        // the idx set is MNIST's own test set: indistinguishable, AUROC exactly 0.5
        assertThat(csv.get(5)).endsWith(",0.500000");
        assertThat(ImageIO.read(ood.resolve("energy-histograms.png").toFile()).getWidth()).isEqualTo(900);
    }

    @Test
    void badComponentOptionsAreReported() {
        InfoCommandTest.Run r = run(train(dir.resolve("bad"), 1, "--set", "sampler"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--set sampler; expected COMPONENT.KEY=VALUE");
        InfoCommandTest.Run unknown = run(train(dir.resolve("bad"), 1, "--set", "solver.x=1"));
        assertThat(unknown.err()).contains("unknown component 'solver'");
        InfoCommandTest.Run name = run(train(dir.resolve("bad"), 1, "--buffer", "fifo"));
        assertThat(name.err()).contains("unknown replay buffer 'fifo'; known replay buffers: none, persistent, reservoir, seed-buffer");
    }

    @Test
    void transformsMirrorAndRotate() {
        var x = org.nd4j.linalg.factory.Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {1, 1, 2, 2}, 'c');
        assertThat(OodCommand.transform(x, false).data().asFloat()).containsExactly(2, 1, 4, 3);
        // 90° counter-clockwise: [[1,2],[3,4]] -> [[2,4],[1,3]]
        assertThat(OodCommand.transform(x, true).data().asFloat()).containsExactly(2, 4, 1, 3);
    }
}
