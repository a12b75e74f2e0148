package org.ebm4j.rbm.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.model.BinaryStates;
import org.ebm4j.rbm.testing.RbmFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ExactPartitionTest {

    /** log Σ_{v,h} exp(−E(v, h)) over every joint state, the definition. */
    private static double bruteForceLogZ(BernoulliRbm rbm) {
        int v = rbm.visibleUnits();
        int h = rbm.hiddenUnits();
        INDArray vs = BinaryStates.all(v);
        INDArray hs = BinaryStates.all(h);
        double sum = 0;
        for (int i = 0; i < vs.size(0); i++) {
            INDArray e = rbm.jointEnergy(vs.getRow(i).reshape(1, v).repeat(0, hs.size(0)), hs);
            for (int j = 0; j < hs.size(0); j++) {
                sum += Math.exp(-e.getDouble(j));
            }
        }
        return Math.log(sum);
    }

    @ParameterizedTest
    @CsvSource({"6, 3", "3, 6", "5, 5"})
    void matchesTheSumOverEveryJointState(int visible, int hidden) {
        BernoulliRbm rbm = RbmFixtures.randomRbm(visible, hidden, 1.0, 0.5, visible * 10L + hidden);
        assertThat(ExactPartition.logPartition(rbm)).isCloseTo(bruteForceLogZ(rbm), within(1e-10));
    }

    @ParameterizedTest
    @CsvSource({"6, 3", "4, 7"})
    void probabilitiesSumToOneAndMarginalsAgree(int visible, int hidden) {
        BernoulliRbm rbm = RbmFixtures.randomRbm(visible, hidden, 1.0, 0.5, 3);
        INDArray all = BinaryStates.all(visible);
        INDArray p = org.nd4j.linalg.ops.transforms.Transforms.exp(ExactPartition.logLikelihood(rbm, all));
        assertThat(p.sumNumber().doubleValue()).isCloseTo(1.0, within(1e-10));
        INDArray marginals = p.reshape(1, -1).mmul(all).reshape(visible);
        assertThat(ExactPartition.visibleMarginals(rbm).equalsWithEps(marginals, 1e-10)).isTrue();
    }

    @Test
    void enumeratesInSeveralBatches() {
        // 2^15 states = 2 batches of 2^14, enumerated over v here and over h in the transposed model
        BernoulliRbm wide = RbmFixtures.randomRbm(15, 16, 0.3, 0.3, 11);
        BernoulliRbm transposed = new BernoulliRbm(wide.weights().transpose().dup(), wide.hiddenBias().dup(),
                wide.visibleBias().dup());
        assertThat(ExactPartition.logPartition(wide)).isCloseTo(ExactPartition.logPartition(transposed), within(1e-9));
    }

    @Test
    void refusesTooManyStates() {
        BernoulliRbm big = new BernoulliRbm(Nd4j.zeros(30, 26), Nd4j.zeros(30), Nd4j.zeros(26));
        assertThatThrownBy(() -> ExactPartition.logPartition(big)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("26").hasMessageContaining("[1, 25]");
    }
}
