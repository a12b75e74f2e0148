package org.ebm4j.rbm.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.training.TrainingSummary;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.partition.ExactPartition;
import org.ebm4j.rbm.testing.RbmFixtures;
import org.ebm4j.training.data.InMemoryDataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class RbmTrainingTest {

    private static double meanLogLikelihood(BernoulliRbm rbm, INDArray data) {
        return ExactPartition.logLikelihood(rbm, data).meanNumber().doubleValue();
    }

    @ParameterizedTest
    @EnumSource(value = RbmTraining.Algorithm.class, names = {"CD", "PCD"}) // PT: ParallelTemperingTrainingTest
    void oneStepTrainingIncreasesExactLogLikelihood(RbmTraining.Algorithm algorithm) {
        INDArray train = RbmFixtures.prototypeData(300, 12, 3, 0.05, 1);
        BernoulliRbm rbm = BernoulliRbm.random(12, 8, 0.01, DataType.DOUBLE, RandomKey.of(2));
        double before = meanLogLikelihood(rbm, train);
        TrainingSummary summary = RbmTraining.trainer(rbm, new InMemoryDataset("prototypes", train, null),
                new RbmTraining.Settings(algorithm, 1, 20, 20, 0.1, 1.0, 0.5, 1e-4, 3)).train();
        double after = meanLogLikelihood(rbm, train);
        assertThat(summary.completed()).isTrue();
        assertThat(summary.iterations()).isEqualTo(20 * 15);
        // 12 bits: the untrained model is uniform (−12 log 2 = −8.3 nats); three prototypes with 5% noise allow
        // about −(log 3 + 12 H(0.05)) = −3.5 nats
        assertThat(before).isLessThan(-8.0);
        System.out.printf("%s: mean exact log-likelihood %.3f -> %.3f%n", algorithm, before, after);
        assertThat(after).isGreaterThan(before + 1.5);
    }

    @Test
    void sameSeedSameModel() {
        INDArray train = RbmFixtures.prototypeData(100, 10, 2, 0.05, 1);
        BernoulliRbm a = BernoulliRbm.random(10, 4, 0.01, DataType.FLOAT, RandomKey.of(2));
        BernoulliRbm b = BernoulliRbm.random(10, 4, 0.01, DataType.FLOAT, RandomKey.of(2));
        RbmTraining.Settings s = new RbmTraining.Settings(RbmTraining.Algorithm.PCD, 2, 2, 10, 0.05, 0.9, 0.5, 0, 7);
        RbmTraining.trainer(a, new InMemoryDataset("d", train, null), s).train();
        RbmTraining.trainer(b, new InMemoryDataset("d", train, null), s).train();
        assertThat(a.weights()).isEqualTo(b.weights());
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new RbmTraining.Settings(RbmTraining.Algorithm.CD, 0, 1, 10, 0.1, 1, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k = 0");
        assertThatThrownBy(() -> new RbmTraining.Settings(RbmTraining.Algorithm.CD, 1, 1, 10, 0.1, 1, 1.5, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("momentum = 1.5");
    }
}
