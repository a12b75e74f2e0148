package org.ebm4j.training.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdamTest {

    @Test
    void matchesTheAdamFormulasStepByStep() {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double lr = 0.01;
        Adam adam = new Adam(b1, b2, eps, 0);
        Map<String, INDArray> params = new LinkedHashMap<>(Map.of("w", Nd4j.createFromArray(1.0, -2.0)));
        double[] theta = {1.0, -2.0};
        double[] m = new double[2];
        double[] v = new double[2];
        double[][] grads = {{0.5, -1.0}, {0.1, 0.3}, {-0.2, 2.0}};
        for (int t = 1; t <= grads.length; t++) {
            adam.update(params, Map.of("w", Nd4j.createFromArray(grads[t - 1])), lr);
            for (int i = 0; i < 2; i++) {
                double g = grads[t - 1][i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                theta[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
        assertThat(params.get("w").toDoubleVector()).containsExactly(theta, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void stateRoundTripContinuesIdentically() {
        Map<String, INDArray> a = new LinkedHashMap<>(Map.of("w", Nd4j.createFromArray(1.0, 2.0)));
        Map<String, INDArray> b = new LinkedHashMap<>(Map.of("w", Nd4j.createFromArray(1.0, 2.0)));
        Adam first = new Adam(0.0, 0.999, 1e-8, 0);
        first.update(a, Map.of("w", Nd4j.createFromArray(0.3, -0.4)), 0.1);
        b.get("w").assign(a.get("w"));
        Adam second = new Adam(0.0, 0.999, 1e-8, 0);
        second.restore(first.state());
        first.update(a, Map.of("w", Nd4j.createFromArray(0.1, 0.2)), 0.1);
        second.update(b, Map.of("w", Nd4j.createFromArray(0.1, 0.2)), 0.1);
        assertThat(b.get("w")).isEqualTo(a.get("w"));
    }

    @Test
    void mismatchedGradientsAreNamed() {
        Adam adam = new Adam(0.9, 0.999, 1e-8, 0);
        Map<String, INDArray> params = Map.of("w", Nd4j.zeros(2));
        assertThatThrownBy(() -> adam.update(params, Map.of("v", Nd4j.zeros(2)), 0.1))
                .hasMessage("gradients have no entry for parameter 'w'; they have [v]");
        assertThatThrownBy(() -> adam.update(params, Map.of("w", Nd4j.zeros(3)), 0.1))
                .hasMessage("gradient of 'w' has shape [3]; expected the parameter's shape [2]");
        assertThatThrownBy(() -> new Adam(1.0, 0.999, 1e-8, 0)).hasMessageContaining("beta1 = 1.0");
    }

    @Test
    void sgdWithMomentumFollowsItsRecursion() {
        Sgd sgd = new Sgd(0.5, 0.1);
        Map<String, INDArray> params = Map.of("w", Nd4j.createFromArray(1.0));
        double theta = 1;
        double u = 0;
        for (double g : new double[] {1.0, -0.5, 0.25}) {
            sgd.update(params, Map.of("w", Nd4j.createFromArray(g)), 0.2);
            u = 0.5 * u - 0.2 * (g + 0.1 * theta);
            theta += u;
        }
        assertThat(params.get("w").getDouble(0)).isCloseTo(theta, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void plainSgdStepsAgainstTheGradientAndKeepsItsVelocity() {
        Sgd sgd = new Sgd(0, 0);
        INDArray w = Nd4j.createFromArray(1.0, -2.0, 0.5);
        Map<String, INDArray> params = Map.of("w", w);
        INDArray g = Nd4j.createFromArray(0.5, 1.0, -4.0);
        sgd.update(params, Map.of("w", g), 0.1);
        assertThat(w.toDoubleVector()).containsExactly(0.95, -2.1, 0.9);
        assertThat(g.toDoubleVector()).containsExactly(0.5, 1.0, -4.0); // the gradient is not modified
        assertThat(sgd.state().get("u/w").toDoubleVector()).containsExactly(-0.05, -0.1, 0.4);
    }
}
