package org.ebm4j.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SampleQualityTest {

    @TempDir
    Path dir;

    @Test
    void frechetDistanceOfGaussiansMatchesTheClosedForm() {
        // b = 1.5 + 2a exactly, so the sample moments satisfy mean_b = 1.5 + 2 mean_a and Cov_b = 4 Cov_a, and
        // (Cov_a Cov_b)^(1/2) = 2 Cov_a: d2 = |1.5 + mean_a|^2 + Tr(Cov_a + 4 Cov_a - 4 Cov_a) = |1.5 + mean_a|^2
        // + Tr(Cov_a), an exact identity for the estimator (no sampling tolerance needed).
        SplittableRandom rng = new SplittableRandom(1);
        int n = 500;
        int d = 4;
        double[][] a = new double[n][d];
        double[][] b = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = gaussian(rng);
                b[i][j] = 1.5 + 2.0 * a[i][j];
            }
        }
        double[] mu = FrechetDistance.mean(a);
        double meanTerm = 0;
        for (double m : mu) {
            meanTerm += (1.5 + m) * (1.5 + m);
        }
        double expected = meanTerm + FrechetDistance.covariance(a, mu).getTrace();
        assertThat(FrechetDistance.between(a, b)).isCloseTo(expected, within(1e-9 * expected));
        assertThat(FrechetDistance.between(a, a)).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void inceptionScoreIsOneForIdenticalPredictionsAndKForConfidentBalancedOnes() {
        double[][] same = {{0.5, 0.5}, {0.5, 0.5}};
        double[][] confident = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        assertThat(InceptionScore.of(same)).isCloseTo(1.0, within(1e-12));
        assertThat(InceptionScore.of(confident)).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void classifierLearnsMnistAndScoresRealDigitsBetterThanNoise() throws Exception {
        ComponentRegistry registry = ComponentRegistry.discover();
        SampleQuality.Images train = SampleQuality.mnist(registry, null, "train", 2000);
        SampleQuality.Images test = SampleQuality.mnist(registry, null, "test", 500);
        MnistClassifier c = MnistClassifier.create(RandomKey.of(3));
        c.train(train.images(), train.labels(), 3, 50, RandomKey.of(4), line -> { });
        assertThat(c.accuracy(test.images(), test.labels())).isGreaterThan(0.8);

        Path file = dir.resolve("c.fb");
        c.save(file);
        MnistClassifier loaded = MnistClassifier.load(file);
        assertThat(loaded.features(test.images())[7]).containsExactly(c.features(test.images())[7]);

        SampleQuality quality = new SampleQuality(loaded, test.images());
        INDArray noise = Nd4j.rand(RandomKey.of(5).nd4jRandom(), 500, 1, 28, 28).castTo(DataType.FLOAT)
                .muli(2).subi(1);
        SampleQuality.Score real = quality.score(train.images().get(org.nd4j.linalg.indexing.NDArrayIndex
                .interval(0, 500)));
        SampleQuality.Score fake = quality.score(noise);
        assertThat(real.fid()).isLessThan(fake.fid() / 10);
        assertThat(real.inceptionScore()).isGreaterThan(fake.inceptionScore());
    }

    @Test
    void samplesAreReadFromIdxFiles() throws Exception {
        byte[] header = {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28};
        byte[] body = new byte[2 * 784];
        body[0] = (byte) 255;
        Path f = dir.resolve("samples-idx3-ubyte");
        Files.write(f, concat(header, body));
        INDArray s = SampleQuality.readSamples(f);
        assertThat(s.shape()).containsExactly(2, 1, 28, 28);
        assertThat(s.getDouble(0, 0, 0, 0)).isEqualTo(1.0);
        assertThat(s.getDouble(1, 0, 5, 5)).isEqualTo(-1.0);
    }

    @Test
    void imagesWrittenAsIdxReadBackToTheNearestGreyLevel() throws Exception {
        INDArray x = Nd4j.rand(RandomKey.of(9).nd4jRandom(), 3, 1, 28, 28).castTo(DataType.FLOAT).muli(2).subi(1);
        Path f = dir.resolve("x-idx3-ubyte");
        org.ebm4j.training.data.IdxFile.writeImages(f, x);
        INDArray back = SampleQuality.readSamples(f);
        assertThat(back.shape()).containsExactly(3, 1, 28, 28);
        assertThat(back.sub(x).amaxNumber().doubleValue()).isLessThanOrEqualTo(1 / 255.0 + 1e-6);
        org.ebm4j.api.io.TensorArchive.write(dir.resolve("s.ebm"), java.util.Map.of(), java.util.Map.of("samples", x));
        assertThat(SampleQuality.readSamples(dir.resolve("s.ebm")).equalsWithEps(x, 0)).isTrue();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
