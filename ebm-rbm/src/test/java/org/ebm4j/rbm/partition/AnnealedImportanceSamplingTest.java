package org.ebm4j.rbm.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.ebm4j.api.random.RandomKey;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.testing.RbmFixtures;
import org.ebm4j.rbm.training.RbmTraining;
import org.ebm4j.training.data.InMemoryDataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AnnealedImportanceSamplingTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void agreesWithExactLogZOnRandomRbms(long seed) {
        BernoulliRbm rbm = RbmFixtures.randomRbm(24, 12 + (int) seed * 2, 0.5, 0.5, seed);
        INDArray data = RbmFixtures.prototypeData(200, 24, 3, 0.1, seed);
        double exact = ExactPartition.logPartition(rbm);
        AisEstimate ais = AnnealedImportanceSampling.estimate(rbm, AnnealedImportanceSampling.baseRateBias(data), 200,
                1000, RandomKey.of(seed));
        assertThat(ais.contains(exact, 0.0)).as("exact %s in [%s, %s], estimate %s", exact, ais.lower(), ais.upper(),
                ais.logPartition()).isTrue();
        assertThat(ais.upper() - ais.lower()).isLessThan(1.0);
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void agreesWithExactLogZOnTrainedRbms(long seed) {
        INDArray data = RbmFixtures.prototypeData(400, 30, 4, 0.05, seed);
        BernoulliRbm rbm = BernoulliRbm.random(30, 16, 0.01, DataType.DOUBLE, RandomKey.of(seed));
        rbm.initVisibleBiasFromData(data);
        RbmTraining.trainer(rbm, new InMemoryDataset("prototypes", data, null),
                new RbmTraining.Settings(RbmTraining.Algorithm.PCD, 1, 10, 20, 0.1, 1.0, 0.5, 0.0, seed)).train();
        double exact = ExactPartition.logPartition(rbm);
        AisEstimate ais = AnnealedImportanceSampling.estimate(rbm, AnnealedImportanceSampling.baseRateBias(data), 200,
                2000, RandomKey.of(seed));
        assertThat(ais.contains(exact, 0.0)).as("exact %s in [%s, %s], estimate %s", exact, ais.lower(), ais.upper(),
                ais.logPartition()).isTrue();
    }

    @Test
    void isExactForTheBaseModelItself() {
        INDArray bias = Nd4j.create(new double[] {0.3, -1.2, 2.0});
        BernoulliRbm base = new BernoulliRbm(Nd4j.zeros(DataType.DOUBLE, 3, 2), bias.dup(),
                Nd4j.zeros(DataType.DOUBLE, 2));
        AisEstimate ais = AnnealedImportanceSampling.estimate(base, bias, 10, 2, RandomKey.of(0));
        assertThat(ais.logPartition()).isCloseTo(ExactPartition.logPartition(base), within(1e-12));
        assertThat(ais.effectiveSampleSize()).isCloseTo(10, within(1e-9));
    }

    @Test
    void sameKeySameEstimate() {
        BernoulliRbm rbm = RbmFixtures.randomRbm(10, 5, 0.5, 0.5, 9);
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, 10);
        java.util.List<Integer> reported = new java.util.ArrayList<>();
        assertThat(AnnealedImportanceSampling.estimate(rbm, zero, 20, 250, RandomKey.of(3)))
                .isEqualTo(AnnealedImportanceSampling.estimate(rbm, zero, 20, 250, RandomKey.of(3),
                        (done, total) -> reported.add(done)));
        assertThat(reported).containsExactly(101, 201, 250);
    }

    @Test
    void rejectsTooFewTemperaturesOrRuns() {
        BernoulliRbm rbm = RbmFixtures.randomRbm(4, 2, 0.5, 0.5, 9);
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, 4);
        assertThatThrownBy(() -> AnnealedImportanceSampling.estimate(rbm, zero, 10, 1, RandomKey.of(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperatures = 1");
        assertThatThrownBy(() -> AnnealedImportanceSampling.estimate(rbm, zero, 1, 10, RandomKey.of(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs = 1");
        assertThatThrownBy(() -> AnnealedImportanceSampling.estimate(rbm, Nd4j.zeros(3), 10, 10, RandomKey.of(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseBias");
    }
}
