package org.ebm4j.rbm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.rbm.gibbs.BlockGibbsKernel;
import org.ebm4j.rbm.training.RbmTraining;
import org.ebm4j.training.data.InMemoryDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GaussianBernoulliRbmTest {

    private static GaussianBernoulliRbm model(boolean learn) {
        SplittableRandom rng = new SplittableRandom(5);
        double[] w = new double[3 * 2];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextDouble() * 2 - 1;
        }
        return new GaussianBernoulliRbm(Nd4j.create(w, new long[] {3, 2}, DataType.DOUBLE),
                Nd4j.create(new double[] {0.5, -0.3, 1.0}), Nd4j.create(new double[] {0.2, -0.4}),
                Nd4j.create(new double[] {0.1, -0.5, 0.3}), learn);
    }

    @Test
    void freeEnergyIsMinusLogSumOverHiddenOfJointEnergy() {
        GaussianBernoulliRbm rbm = model(true);
        INDArray v = Nd4j.create(new double[][] {{0.3, -1.2, 2.0}, {1.0, 0.0, -0.5}});
        INDArray hs = Nd4j.create(new double[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}});
        INDArray f = rbm.energy(v);
        for (int i = 0; i < 2; i++) {
            INDArray e = rbm.jointEnergy(v.getRow(i).reshape(1, 3).repeat(0, 4), hs);
            double sum = 0;
            for (int s = 0; s < 4; s++) {
                sum += Math.exp(-e.getDouble(s));
            }
            assertThat(f.getDouble(i)).isCloseTo(-Math.log(sum), within(1e-10));
        }
    }

    @Test
    void parameterAndInputGradientsMatchFiniteDifferences() {
        GaussianBernoulliRbm rbm = model(true);
        INDArray v = Nd4j.create(new double[][] {{0.3, -1.2, 2.0}, {1.0, 0.0, -0.5}, {-0.7, 0.4, 0.1}});
        INDArray w = Nd4j.create(new double[] {0.5, -1.5, 2.0});
        Map<String, INDArray> g = rbm.parameterGradient(v, w);
        assertThat(g).containsKeys("W", "b_visible", "b_hidden", "log_variance");
        double h = 1e-6;
        for (Map.Entry<String, INDArray> p : rbm.parameters().entrySet()) {
            INDArray theta = p.getValue();
            for (int i = 0; i < theta.length(); i++) {
                double original = theta.getDouble(i);
                theta.putScalar(i, original + h);
                double plus = rbm.energy(v).mul(w).sumNumber().doubleValue();
                theta.putScalar(i, original - h);
                double minus = rbm.energy(v).mul(w).sumNumber().doubleValue();
                theta.putScalar(i, original);
                assertThat(g.get(p.getKey()).getDouble(i)).as(p.getKey() + "[" + i + "]")
                        .isCloseTo((plus - minus) / (2 * h), within(1e-6));
            }
        }
        INDArray gx = rbm.energyAndGradient(v).gradient();
        for (int i = 0; i < 3; i++) {
            INDArray plus = v.dup();
            plus.putScalar(1, i, v.getDouble(1, i) + h);
            INDArray minus = v.dup();
            minus.putScalar(1, i, v.getDouble(1, i) - h);
            double fd = (rbm.energy(plus).getDouble(1) - rbm.energy(minus).getDouble(1)) / (2 * h);
            assertThat(gx.getDouble(1, i)).isCloseTo(fd, within(1e-6));
        }
        assertThat(model(false).parameters()).doesNotContainKey("log_variance");
    }

    @Test
    void exactLogPartitionMatchesNumericalIntegrationInOneDimension() {
        GaussianBernoulliRbm rbm = new GaussianBernoulliRbm(Nd4j.create(new double[][] {{1.5, -0.7}}),
                Nd4j.create(new double[] {0.2}), Nd4j.create(new double[] {-0.3, 0.4}), Nd4j.create(new double[] {0.4}),
                false);
        double dx = 1e-3;
        double sum = 0;
        double[] points = new double[40001];
        for (int i = 0; i < points.length; i++) {
            points[i] = -20 + i * dx;
        }
        INDArray grid = Nd4j.create(points, new long[] {points.length, 1}, DataType.DOUBLE);
        INDArray f = rbm.energy(grid);
        for (int i = 0; i < f.length(); i++) {
            sum += Math.exp(-f.getDouble(i)) * dx;
        }
        assertThat(rbm.logPartition()).isCloseTo(Math.log(sum), within(1e-6));
    }

    @Test
    void gibbsReproducesTheExactMeanWithinFiveStandardErrors() {
        GaussianBernoulliRbm rbm = model(false);
        int chains = 4000;
        INDArray samples = SamplingDriver.run(new BlockGibbsKernel(rbm), Nd4j.zeros(DataType.DOUBLE, chains, 3), 50,
                RandomKey.of(3)).samples();
        INDArray exact = rbm.visibleMarginalMean();
        INDArray std = samples.std(true, 0);
        for (int i = 0; i < 3; i++) {
            double se = std.getDouble(i) / Math.sqrt(chains);
            assertThat(samples.mean(0).getDouble(i)).as("unit " + i).isCloseTo(exact.getDouble(i), within(5 * se));
        }
    }

    @Test
    void cdTrainingWithLearnedVarianceIncreasesExactLikelihood(@TempDir Path dir) throws Exception {
        // two Gaussian clusters in 3-D with small spread
        SplittableRandom rng = new SplittableRandom(9);
        double[] rows = new double[400 * 3];
        for (int r = 0; r < 400; r++) {
            double centre = rng.nextBoolean() ? 1.5 : -1.5;
            for (int i = 0; i < 3; i++) {
                rows[r * 3 + i] = centre * (i == 1 ? -1 : 1) + 0.3 * gaussian(rng);
            }
        }
        INDArray data = Nd4j.create(rows, new long[] {400, 3}, DataType.DOUBLE);
        GaussianBernoulliRbm rbm = GaussianBernoulliRbm.random(3, 4, 0.01, true, DataType.DOUBLE, RandomKey.of(1));
        double before = -rbm.energy(data).meanNumber().doubleValue() - rbm.logPartition();
        RbmTraining.trainer(rbm, new InMemoryDataset("clusters", data, null),
                new RbmTraining.Settings(RbmTraining.Algorithm.CD, 1, 15, 20, 0.05, 1.0, 0.5, 0.0, 2)).train();
        double after = -rbm.energy(data).meanNumber().doubleValue() - rbm.logPartition();
        System.out.printf("GB-RBM CD-1: mean exact log-likelihood %.3f -> %.3f, log variance %s%n", before, after,
                rbm.logVariance());
        assertThat(after).isGreaterThan(before + 1.0);
        rbm.save(dir.resolve("gb.zip"));
        GaussianBernoulliRbm loaded = GaussianBernoulliRbm.load(dir.resolve("gb.zip"));
        assertThat(loaded.logVariance()).isEqualTo(rbm.logVariance());
        assertThat(loaded.learnsVariance()).isTrue();
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
