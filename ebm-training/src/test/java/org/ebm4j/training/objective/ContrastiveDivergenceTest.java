package org.ebm4j.training.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.training.ObjectiveResult;
import org.ebm4j.training.testing.DiagonalGaussianEnergy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

class ContrastiveDivergenceTest {

    static INDArray normal(long seed, int n, int d) throws Exception {
        INDArray x = Nd4j.create(DataType.DOUBLE, n, d);
        try (Random rng = RandomKey.of(seed).nd4jRandom()) {
            Nd4j.getExecutioner().exec(new GaussianDistribution(x, 0, 1), rng);
        }
        return x;
    }

    /** L(θ) as a function of the parameters, for finite differences. */
    static double loss(DiagonalGaussianEnergy model, INDArray pos, INDArray neg, double alpha) {
        INDArray ep = model.energy(pos);
        INDArray en = model.energy(neg);
        return ep.meanNumber().doubleValue() - en.meanNumber().doubleValue()
                + alpha * (ep.mul(ep).meanNumber().doubleValue() + en.mul(en).meanNumber().doubleValue());
    }

    @Test
    void gradientMatchesFiniteDifferencesOfTheLoss() throws Exception {
        DiagonalGaussianEnergy model = new DiagonalGaussianEnergy(3);
        model.parameters().get("mu").assign(Nd4j.createFromArray(new double[][] {{0.3, -0.2, 0.1}}));
        model.parameters().get("log_std").assign(Nd4j.createFromArray(new double[][] {{0.1, -0.3, 0.2}}));
        INDArray pos = normal(1, 16, 3).addi(1);
        INDArray neg = normal(2, 12, 3);
        double alpha = 0.1;
        ObjectiveResult r = new ContrastiveDivergence(alpha).evaluate(model, pos, neg);
        assertThat(r.loss()).isCloseTo(loss(model, pos, neg, alpha), org.assertj.core.data.Offset.offset(1e-12));
        double h = 1e-6;
        for (Map.Entry<String, INDArray> p : model.parameters().entrySet()) {
            for (int i = 0; i < 3; i++) {
                double orig = p.getValue().getDouble(0, i);
                p.getValue().putScalar(0, i, orig + h);
                double up = loss(model, pos, neg, alpha);
                p.getValue().putScalar(0, i, orig - h);
                double down = loss(model, pos, neg, alpha);
                p.getValue().putScalar(0, i, orig);
                double numeric = (up - down) / (2 * h);
                assertThat(r.gradients().get(p.getKey()).getDouble(0, i))
                        .as("dL/d%s[%d]", p.getKey(), i).isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-7));
            }
        }
        assertThat(r.terms()).containsKeys("cd", "reg", "e_pos", "e_neg", "loss");
        assertThat(r.terms().get("cd")).isCloseTo(r.terms().get("e_pos") - r.terms().get("e_neg"),
                org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void rejectsNegativeAlphaAndWrongShapes() {
        assertThatThrownBy(() -> new ContrastiveDivergence(-0.1)).hasMessage("alpha = -0.1; expected a finite number >= 0");
        DiagonalGaussianEnergy model = new DiagonalGaussianEnergy(3);
        assertThatThrownBy(() -> new ContrastiveDivergence(0.1).evaluate(model, Nd4j.zeros(4, 2), Nd4j.zeros(4, 3)))
                .hasMessage("positive has shape [4, 2]; expected [n, 3]");
    }
}
