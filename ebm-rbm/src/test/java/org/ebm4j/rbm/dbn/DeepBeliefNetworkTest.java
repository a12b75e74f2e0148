package org.ebm4j.rbm.dbn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.training.RbmTraining;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DeepBeliefNetworkTest {

    private static final double[][] PATTERNS = {
        {1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0},
        {1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0},
        {0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0}};

    private static INDArray data(int n, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double[] rows = new double[n * 16];
        for (int r = 0; r < n; r++) {
            double[] p = PATTERNS[rng.nextInt(3)];
            for (int i = 0; i < 16; i++) {
                rows[r * 16 + i] = rng.nextDouble() < 0.03 ? 1 - p[i] : p[i];
            }
        }
        return Nd4j.create(rows, new long[] {n, 16}, DataType.DOUBLE);
    }

    @Test
    void greedyStackGeneratesThePatternsAndRoundTrips(@TempDir Path dir) throws Exception {
        DeepBeliefNetwork dbn = DeepBeliefNetwork.trainGreedy(data(300, 1), new int[] {12, 8},
                new RbmTraining.Settings(RbmTraining.Algorithm.CD, 1, 15, 20, 0.1, 1.0, 0.5, 1e-4, 5), null);
        assertThat(dbn.layers()).hasSize(2);
        assertThat(dbn.features(data(5, 2)).shape()).containsExactly(5, 8);

        INDArray samples = dbn.sample(200, 200, RandomKey.of(3));
        assertThat(samples.shape()).containsExactly(200, 16);
        // a uniformly random 16-bit image lies within Hamming distance 3 of one of 3 patterns with probability
        // 3 · 697 / 65536 ≈ 3%; DBN samples should mostly do so
        int close = 0;
        for (int r = 0; r < 200; r++) {
            int best = 16;
            for (double[] p : PATTERNS) {
                int d = 0;
                for (int i = 0; i < 16; i++) {
                    d += Math.abs(Math.round(samples.getDouble(r, i)) - p[i]) > 0.5 ? 1 : 0;
                }
                best = Math.min(best, d);
            }
            close += best <= 3 ? 1 : 0;
        }
        assertThat(close).isGreaterThan(120);

        dbn.save(dir.resolve("dbn.zip"));
        DeepBeliefNetwork loaded = DeepBeliefNetwork.load(dir.resolve("dbn.zip"));
        assertThat(loaded.features(data(5, 2))).isEqualTo(dbn.features(data(5, 2)));
        assertThat(loaded.sample(10, 5, RandomKey.of(4))).isEqualTo(dbn.sample(10, 5, RandomKey.of(4)));
    }

    @Test
    void layersMustFitTogether() {
        BernoulliRbm a = BernoulliRbm.random(6, 4, 0.01, DataType.DOUBLE, RandomKey.of(1));
        BernoulliRbm b = BernoulliRbm.random(5, 3, 0.01, DataType.DOUBLE, RandomKey.of(2));
        assertThatThrownBy(() -> new DeepBeliefNetwork(List.of(a, b))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer 1 has 5 visible units; expected layer 0's 4 hidden units");
        assertThatThrownBy(() -> new DeepBeliefNetwork(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
