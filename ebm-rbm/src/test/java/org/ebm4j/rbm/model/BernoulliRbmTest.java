package org.ebm4j.rbm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.ebm4j.api.energy.ContrastiveDivergenceGradient;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.rbm.testing.RbmFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BernoulliRbmTest {

    private final BernoulliRbm rbm = RbmFixtures.randomRbm(5, 3, 0.8, 0.5, 7);

    @Test
    void freeEnergyIsMinusLogSumOverHiddenOfJointEnergy() {
        INDArray v = RbmFixtures.prototypeData(4, 5, 2, 0.3, 1);
        INDArray hs = BinaryStates.all(3);
        INDArray f = rbm.energy(v);
        for (int i = 0; i < 4; i++) {
            INDArray vRep = v.getRow(i).reshape(1, 5).repeat(0, hs.size(0));
            INDArray e = rbm.jointEnergy(vRep, hs);
            double sum = 0;
            for (int s = 0; s < hs.size(0); s++) {
                sum += Math.exp(-e.getDouble(s));
            }
            assertThat(f.getDouble(i)).isCloseTo(-Math.log(sum), within(1e-10));
        }
    }

    @Test
    void parameterGradientMatchesFiniteDifferences() {
        INDArray v = RbmFixtures.prototypeData(6, 5, 2, 0.3, 2);
        INDArray w = Nd4j.create(new double[] {0.3, -1.0, 0.5, 2.0, -0.2, 0.7});
        Map<String, INDArray> g = rbm.parameterGradient(v, w);
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
    }

    @Test
    void fusedContrastiveGradientAgreesWithTwoVectorJacobianProducts() {
        INDArray pos = RbmFixtures.prototypeData(6, 5, 2, 0.1, 3);
        INDArray neg = RbmFixtures.prototypeData(4, 5, 2, 0.4, 4);
        double alpha = 0.1;
        ContrastiveDivergenceGradient.Result r = rbm.contrastiveGradient(pos, neg, alpha);
        INDArray ePos = rbm.energy(pos);
        INDArray eNeg = rbm.energy(neg);
        Map<String, INDArray> expected = rbm.parameterGradient(pos, ePos.mul(2 * alpha).addi(1).divi(6));
        Map<String, INDArray> gNeg = rbm.parameterGradient(neg, eNeg.mul(2 * alpha).subi(1).divi(4));
        expected.forEach((k, g) -> g.addi(gNeg.get(k)));
        for (String name : expected.keySet()) {
            assertThat(r.gradients().get(name).equalsWithEps(expected.get(name), 1e-10)).as(name).isTrue();
        }
        assertThat(r.meanEnergyPositive()).isCloseTo(ePos.meanNumber().doubleValue(), within(1e-12));
        assertThat(r.loss()).isCloseTo(r.meanEnergyPositive() - r.meanEnergyNegative() + alpha * r.regularizer(),
                within(1e-12));
    }

    @Test
    void stackedContrastiveGradientAgreesWithDoublePrecisionInFloatForWideLayers() {
        // 500 hidden units: the free energies take logs of products over chunks of 100 hidden means; weights of std 40
        // push many pre-activations beyond ±88, where log(1 + eᵃ) overflows in float
        BernoulliRbm exact = RbmFixtures.randomRbm(12, 500, 40.0, 1.0, 11);
        BernoulliRbm wide = exact.castTo(DataType.FLOAT);
        INDArray pos = RbmFixtures.prototypeData(7, 12, 2, 0.2, 12);
        INDArray neg = RbmFixtures.prototypeData(5, 12, 2, 0.4, 13);
        double alpha = 0.01;
        ContrastiveDivergenceGradient.Result r = wide.contrastiveGradient(pos.castTo(DataType.FLOAT),
                neg.castTo(DataType.FLOAT), alpha);
        INDArray ePos = exact.energy(pos);
        INDArray eNeg = exact.energy(neg);
        assertThat(exact.energy(pos).amaxNumber().doubleValue()).isGreaterThan(1000);
        double meanPos = ePos.meanNumber().doubleValue();
        double meanNeg = eNeg.meanNumber().doubleValue();
        assertThat(r.meanEnergyPositive()).isCloseTo(meanPos, within(1e-5 * Math.abs(meanPos)));
        assertThat(r.meanEnergyNegative()).isCloseTo(meanNeg, within(1e-5 * Math.abs(meanNeg)));
        Map<String, INDArray> expected = exact.parameterGradient(pos, ePos.mul(2 * alpha).addi(1).divi(7));
        Map<String, INDArray> gNeg = exact.parameterGradient(neg, eNeg.mul(2 * alpha).subi(1).divi(5));
        expected.forEach((k, g) -> g.addi(gNeg.get(k)));
        for (String name : expected.keySet()) {
            INDArray want = expected.get(name);
            double error = r.gradients().get(name).castTo(DataType.DOUBLE).sub(want).amaxNumber().doubleValue();
            assertThat(error).as(name).isLessThanOrEqualTo(1e-4 * want.amaxNumber().doubleValue());
        }
    }

    @Test
    void contrastiveGradientFollowsChangingBatchSizesAndRepeatsItself() {
        INDArray pos = RbmFixtures.prototypeData(6, 5, 2, 0.1, 3);
        INDArray neg = RbmFixtures.prototypeData(4, 5, 2, 0.4, 4);
        Map<String, INDArray> first = new java.util.LinkedHashMap<>();
        rbm.contrastiveGradient(pos, neg, 0.0).gradients().forEach((k, g) -> first.put(k, g.dup()));
        INDArray smallPos = pos.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        ContrastiveDivergenceGradient.Result small = rbm.contrastiveGradient(smallPos, neg, 0.0);
        Map<String, INDArray> expected = rbm.parameterGradient(smallPos, Nd4j.zeros(DataType.DOUBLE, 3).addi(1.0 / 3));
        Map<String, INDArray> gNeg = rbm.parameterGradient(neg, Nd4j.zeros(DataType.DOUBLE, 4).addi(-1.0 / 4));
        expected.forEach((k, g) -> g.addi(gNeg.get(k)));
        expected.forEach((k, g) -> assertThat(small.gradients().get(k).equalsWithEps(g, 1e-10)).as(k).isTrue());
        assertThat(rbm.contrastiveGradient(pos, neg, 0.0).gradients()).isEqualTo(first);
    }

    @Test
    void inputGradientIsThatOfTheContinuousRelaxation() {
        INDArray v = Nd4j.create(new double[][] {{0.2, 0.7, 0.1, 0.9, 0.5}});
        INDArray g = rbm.energyAndGradient(v).gradient();
        double h = 1e-6;
        for (int i = 0; i < 5; i++) {
            INDArray plus = v.dup();
            plus.putScalar(0, i, v.getDouble(0, i) + h);
            INDArray minus = v.dup();
            minus.putScalar(0, i, v.getDouble(0, i) - h);
            double fd = (rbm.energy(plus).getDouble(0) - rbm.energy(minus).getDouble(0)) / (2 * h);
            assertThat(g.getDouble(0, i)).isCloseTo(fd, within(1e-6));
        }
    }

    @Test
    void freeEnergyStaysFiniteForHugePreActivationsInFloat() {
        BernoulliRbm big = new BernoulliRbm(Nd4j.ones(DataType.FLOAT, 3, 2).muli(200), Nd4j.zeros(DataType.FLOAT, 3),
                Nd4j.zeros(DataType.FLOAT, 2));
        INDArray f = big.energy(Nd4j.ones(DataType.FLOAT, 1, 3));
        assertThat(f.getDouble(0)).isCloseTo(-1200, within(1e-3));
    }

    @Test
    void conditionalsAreSigmoidsOfTheScaledPreActivations() {
        INDArray v = RbmFixtures.prototypeData(3, 5, 2, 0.3, 5);
        INDArray expected = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(
                v.mmul(rbm.weights()).addRowVector(rbm.hiddenBias()).mul(0.5));
        assertThat(rbm.hiddenMean(v, 0.5).equalsWithEps(expected, 1e-12)).isTrue();
        INDArray h = rbm.sampleHidden(v, 1.0, RandomKey.of(1));
        assertThat(h.shape()).containsExactly(3, 3);
        assertThat(h.mul(h.rsub(1)).sumNumber().doubleValue()).isZero(); // h(1 − h) = 0: binary
        assertThat(rbm.sampleHidden(v, 1.0, RandomKey.of(1))).isEqualTo(h);
    }

    @Test
    void saveAndLoadRoundTrip(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rbm.zip");
        rbm.save(file);
        BernoulliRbm loaded = BernoulliRbm.load(file);
        assertThat(loaded.weights()).isEqualTo(rbm.weights());
        assertThat(loaded.visibleBias()).isEqualTo(rbm.visibleBias());
        assertThat(loaded.hiddenBias()).isEqualTo(rbm.hiddenBias());
        assertThat(loaded.architecture()).isEqualTo("bernoulli-rbm visible=5 hidden=3 dtype=double");
    }

    @Test
    void randomInitialisationIsReproducibleAndVisibleBiasFollowsData() {
        BernoulliRbm a = BernoulliRbm.random(4, 3, 0.01, DataType.FLOAT, RandomKey.of(3));
        BernoulliRbm b = BernoulliRbm.random(4, 3, 0.01, DataType.FLOAT, RandomKey.of(3));
        assertThat(a.weights()).isEqualTo(b.weights());
        assertThat(a.weights().std(true).getDouble(0)).isBetween(0.001, 0.03);
        a.initVisibleBiasFromData(Nd4j.create(new double[][] {{1, 0, 1, 0}, {1, 0, 0, 0}}));
        assertThat(a.visibleBias().getDouble(2)).isCloseTo(0, within(1e-6));
        assertThat(a.visibleBias().getDouble(1)).isCloseTo(Math.log(1e-3 / (1 - 1e-3)), within(1e-4));
    }

    @Test
    void badShapesFailWithTheArgumentName() {
        assertThatThrownBy(() -> new BernoulliRbm(Nd4j.zeros(3, 2), Nd4j.zeros(4), Nd4j.zeros(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b_visible").hasMessageContaining("[3]");
        assertThatThrownBy(() -> rbm.energy(Nd4j.zeros(DataType.DOUBLE, 2, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x has shape [2, 4]");
        assertThatThrownBy(() -> rbm.parameterGradient(Nd4j.zeros(DataType.DOUBLE, 2, 5), Nd4j.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("energyWeights");
    }
}
