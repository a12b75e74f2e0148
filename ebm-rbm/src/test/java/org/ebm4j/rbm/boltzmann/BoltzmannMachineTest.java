package org.ebm4j.rbm.boltzmann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.model.BinaryStates;
import org.ebm4j.rbm.testing.RbmFixtures;
import org.ebm4j.rbm.training.RbmTraining;
import org.ebm4j.training.data.InMemoryDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

class BoltzmannMachineTest {

    private static BoltzmannMachine machine(int v, int h, double std, long seed) {
        BoltzmannMachine random = BoltzmannMachine.random(v, h, std, DataType.DOUBLE, RandomKey.of(seed));
        random.parameters().get("b_visible").assign(Nd4j.linspace(DataType.DOUBLE, -0.5, 0.2, v));
        random.parameters().get("b_hidden").assign(Nd4j.linspace(DataType.DOUBLE, 0.3, -0.2, h));
        return random;
    }

    /** @return exact p(x) over all 2^(V+H) joint states. */
    private static INDArray exactJoint(BoltzmannMachine bm) {
        INDArray e = bm.energy(BinaryStates.all(bm.visibleUnits() + bm.hiddenUnits())).negi();
        INDArray p = Transforms.exp(e.subi(e.maxNumber()), false);
        return p.divi(p.sumNumber());
    }

    @Test
    void energyMatchesTheDefinitionAndGradientsMatchFiniteDifferences() {
        BoltzmannMachine bm = machine(4, 3, 0.7, 1);
        INDArray x = RbmFixtures.prototypeData(5, 7, 2, 0.3, 2);
        INDArray v = x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4));
        INDArray h = x.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 7));
        Map<String, INDArray> p = bm.parameters();
        INDArray expected = v.mmul(p.get("W")).mul(h).sum(1)
                .addi(v.mmul(p.get("L")).mul(v).sum(1).muli(0.5))
                .addi(h.mmul(p.get("J")).mul(h).sum(1).muli(0.5))
                .addi(v.mmul(p.get("b_visible").reshape(-1, 1)).reshape(5))
                .addi(h.mmul(p.get("b_hidden").reshape(-1, 1)).reshape(5)).negi();
        assertThat(bm.energy(x).equalsWithEps(expected, 1e-12)).isTrue();
        assertThat(bm.energyAndGradient(x).energy().equalsWithEps(expected, 1e-12)).isTrue();

        INDArray w = Nd4j.create(new double[] {0.5, -1.0, 2.0, 0.3, -0.7});
        Map<String, INDArray> g = bm.parameterGradient(x, w);
        double eps = 1e-6;
        for (String name : new String[] {"W", "b_visible", "b_hidden"}) {
            INDArray theta = p.get(name);
            for (int i = 0; i < theta.length(); i++) {
                double original = theta.getDouble(i);
                theta.putScalar(i, original + eps);
                double plus = bm.energy(x).mul(w).sumNumber().doubleValue();
                theta.putScalar(i, original - eps);
                double minus = bm.energy(x).mul(w).sumNumber().doubleValue();
                theta.putScalar(i, original);
                assertThat(g.get(name).getDouble(i)).as(name + "[" + i + "]")
                        .isCloseTo((plus - minus) / (2 * eps), within(1e-6));
            }
        }
        // L enters as −½ vᵀLv: the symmetric gradient of entry (0, 1) is −½ Σ w v0 v1
        double l01 = -0.5 * v.getColumn(0).mul(v.getColumn(1)).mul(w).sumNumber().doubleValue();
        assertThat(g.get("L").getDouble(0, 1)).isCloseTo(l01, within(1e-12));
        assertThat(g.get("L").getDouble(1, 0)).isCloseTo(l01, within(1e-12));
        assertThat(g.get("J").getDouble(2, 2)).isZero();

        INDArray gx = bm.energyAndGradient(x).gradient();
        INDArray expectedGx = x.mmul(bm.couplings()).addiRowVector(bm.biases()).negi();
        assertThat(gx.equalsWithEps(expectedGx, 1e-12)).isTrue();
    }

    @Test
    void sequentialGibbsReproducesExactMarginalsWithinFiveStandardErrors() {
        BoltzmannMachine bm = machine(5, 3, 1.0, 3);
        int units = 8;
        INDArray exact = exactJoint(bm).reshape(1, -1).mmul(BinaryStates.all(units)).reshape(units);
        int chains = 3000;
        INDArray samples = SamplingDriver.run(new SequentialGibbsKernel(bm), Nd4j.zeros(DataType.DOUBLE, chains,
                units), 30, RandomKey.of(4)).samples();
        INDArray empirical = samples.mean(0);
        for (int i = 0; i < units; i++) {
            double p = exact.getDouble(i);
            double se = Math.sqrt(p * (1 - p) / chains);
            assertThat(Math.abs(empirical.getDouble(i) - p)).as("unit %d: exact %s", i, p).isLessThan(5 * se);
        }
    }

    @Test
    void meanFieldIsAFixedPointAndExactWithoutHiddenCouplings() {
        BoltzmannMachine bm = machine(5, 3, 1.0, 5);
        INDArray v = RbmFixtures.prototypeData(4, 5, 2, 0.3, 6);
        INDArray mu = bm.meanField(v, 200, 0.0);
        INDArray again = Transforms.sigmoid(v.mmul(bm.weights()).addiRowVector(bm.parameters().get("b_hidden"))
                .addi(mu.mmul(bm.parameters().get("J"))));
        assertThat(mu.equalsWithEps(again, 1e-8)).isTrue();

        bm.parameters().get("J").assign(0);
        BernoulliRbm rbm = new BernoulliRbm(bm.weights().dup(), bm.parameters().get("b_visible").dup(),
                bm.parameters().get("b_hidden").dup());
        assertThat(bm.meanField(v, 3, 0.5).equalsWithEps(rbm.hiddenMean(v, 1.0), 1e-12)).isTrue();
    }

    @Test
    void pcdWithMeanFieldPositivePhaseIncreasesExactLogLikelihood(@TempDir Path dir) throws Exception {
        INDArray data = RbmFixtures.prototypeData(200, 7, 2, 0.05, 7);
        BoltzmannMachine bm = BoltzmannMachine.random(7, 3, 0.01, DataType.DOUBLE, RandomKey.of(8));
        double before = meanVisibleLogLikelihood(bm, data);
        BoltzmannTraining.trainer(bm, new InMemoryDataset("prototypes", data, null),
                new RbmTraining.Settings(RbmTraining.Algorithm.PCD, 1, 10, 20, 0.05, 1.0, 0.5, 0.0, 9), 5).train();
        double after = meanVisibleLogLikelihood(bm, data);
        assertThat(after).isGreaterThan(before + 1.0);
        assertThat(bm.parameters().get("L").equalsWithEps(bm.parameters().get("L").transpose(), 1e-12)).isTrue();
        bm.save(dir.resolve("bm.zip"));
        assertThat(BoltzmannMachine.load(dir.resolve("bm.zip")).parameters().get("J"))
                .isEqualTo(bm.parameters().get("J"));
    }

    /** mean over rows of log Σ_h p(v, h), by enumerating every joint state. */
    private static double meanVisibleLogLikelihood(BoltzmannMachine bm, INDArray data) {
        int v = bm.visibleUnits();
        int units = v + bm.hiddenUnits();
        INDArray states = BinaryStates.all(units);
        INDArray p = exactJoint(bm);
        double[] visibleProbability = new double[1 << v];
        for (int s = 0; s < states.size(0); s++) {
            visibleProbability[s & ((1 << v) - 1)] += p.getDouble(s); // bit j of s is unit j; the low V bits are v
        }
        double total = 0;
        for (int r = 0; r < data.size(0); r++) {
            int index = 0;
            for (int j = 0; j < v; j++) {
                index |= (int) data.getDouble(r, j) << j;
            }
            total += Math.log(visibleProbability[index]);
        }
        return total / data.size(0);
    }

    @Test
    void rejectsAsymmetricCouplings() {
        INDArray l = Nd4j.create(new double[][] {{0, 1}, {2, 0}});
        assertThatThrownBy(() -> new BoltzmannMachine(Nd4j.zeros(DataType.DOUBLE, 2, 1), l,
                Nd4j.zeros(DataType.DOUBLE, 1, 1), Nd4j.zeros(DataType.DOUBLE, 2), Nd4j.zeros(DataType.DOUBLE, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("L is not symmetric");
    }
}
