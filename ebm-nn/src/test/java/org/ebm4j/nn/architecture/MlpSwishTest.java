package org.ebm4j.nn.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.ContrastiveDivergenceGradient;
import org.ebm4j.nn.samediff.SameDiffEnergy;
import org.ebm4j.nn.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MlpSwishTest {

    private final SameDiffEnergy mlp = MlpSwish.create(new MlpSwish.Config(3, List.of(16, 8), 5, DataType.DOUBLE));

    @Test
    void shapesAndParameterCount() {
        // (3*16 + 16) + (16*8 + 8) + (8 + 1) = 64 + 136 + 9
        assertThat(mlp.parameterCount()).isEqualTo(209).isEqualTo(
                new MlpSwish.Config(3, List.of(16, 8), 0, DataType.FLOAT).parameterCount());
        assertThat(mlp.sampleShape()).containsExactly(3);
        assertThat(mlp.layers().stream().map(l -> l.shape()[0]).toList()).containsExactly(16L, 16L, 8L, 8L, 1L);
        assertThat(mlp.architecture()).isEqualTo(
                "mlp-swish: input[3] dense→16[16] swish[16] dense→8[8] swish[8] dense→1[1]");
    }

    @Test
    void inputGradientMatchesFiniteDifferences() {
        FiniteDifferences.checkInputGradient(mlp, FiniteDifferences.uniform(1, 4, 3), 12, 2);
    }

    @Test
    void parameterAndContrastiveGradientsMatchFiniteDifferences() {
        INDArray x = FiniteDifferences.uniform(2, 5, 3);
        INDArray w = FiniteDifferences.uniform(3, 5);
        FiniteDifferences.checkParameterGradient(mlp, mlp.parameterGradient(x, w),
                () -> mlp.energy(x).mul(w).sumNumber().doubleValue(), 4, 3);
        INDArray neg = FiniteDifferences.uniform(4, 7, 3).muli(3);
        double alpha = 0.5;
        ContrastiveDivergenceGradient.Result r = mlp.contrastiveGradient(x, neg, alpha);
        FiniteDifferences.checkParameterGradient(mlp, r.gradients(), () -> {
            INDArray a = mlp.energy(x);
            INDArray b = mlp.energy(neg);
            return a.meanNumber().doubleValue() - b.meanNumber().doubleValue()
                    + alpha * (a.mul(a).meanNumber().doubleValue() + b.mul(b).meanNumber().doubleValue());
        }, 4, 4);
    }

    @Test
    void alphaSwitchesTermsWithoutRebuildingTheGraph() {
        INDArray x = FiniteDifferences.uniform(5, 4, 3);
        INDArray neg = FiniteDifferences.uniform(6, 4, 3);
        mlp.contrastiveGradient(x, neg, 0.0);
        int ops = mlp.graph().getOps().size();
        Object backward = mlp.graph().getFunction("grad");  // SameDiff's gradient function, built on first use
        assertThat(backward).isNotNull();
        ContrastiveDivergenceGradient.Result zero = mlp.contrastiveGradient(x, neg, 0.0);
        ContrastiveDivergenceGradient.Result one = mlp.contrastiveGradient(x, neg, 1.0);
        mlp.energyAndGradient(x);
        mlp.parameterGradient(x, Nd4j.ones(DataType.DOUBLE, 4));
        assertThat(mlp.graph().getOps().size()).isEqualTo(ops);
        assertThat(mlp.graph().getFunction("grad")).as("backward graph reused, not rebuilt").isSameAs(backward);
        assertThat(one.loss() - zero.loss()).isCloseTo(zero.regularizer(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(one.gradients().get("dense3.bias").getDouble(0) - zero.gradients().get("dense3.bias").getDouble(0))
                .as("dL/db of the last layer changes by alpha * d(reg)/db = 2 mean E+ + 2 mean E-")
                .isCloseTo(2 * zero.meanEnergyPositive() + 2 * zero.meanEnergyNegative(),
                        org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void configurationIsParsedAndValidated() {
        MlpSwish.Config c = MlpSwish.config(ComponentConfig.of("energy 'mlp-swish'",
                Map.of("dim", 4, "hidden", "32, 16,8")));
        assertThat(c.hidden()).containsExactly(32, 16, 8);
        assertThatThrownBy(() -> MlpSwish.config(ComponentConfig.of("energy 'mlp-swish'", Map.of("hidden", "32,x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hidden = '32,x'");
        assertThatThrownBy(() -> MlpSwish.config(ComponentConfig.of("energy 'mlp-swish'", Map.of("hidden", "0"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hidden width = 0");
        assertThatThrownBy(() -> mlp.energy(Nd4j.zeros(DataType.DOUBLE, 2, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected [n, 3]");
    }
}
