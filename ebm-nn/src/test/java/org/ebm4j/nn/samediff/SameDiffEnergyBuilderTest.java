package org.ebm4j.nn.samediff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ebm4j.api.random.RandomKey;
import org.ebm4j.nn.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class SameDiffEnergyBuilderTest {

    /** The README's example of a user-defined layer: an element-wise learned scale followed by tanh. */
    static final class ScaledTanh implements Layer {
        @Override
        public long[] outputShape(long[] inputShape) {
            return inputShape.clone();
        }

        @Override
        public SDVariable apply(LayerContext ctx, SDVariable input, long[] inputShape) {
            SDVariable scale = ctx.parameter("scale", 1, inputShape);
            return ctx.graph().math().tanh(ctx.name("out"), input.mul(scale));
        }

        @Override
        public String describe() {
            return "scaled-tanh";
        }

        @Override
        public String kind() {
            return "tanh";
        }
    }

    private static SameDiffEnergy custom() {
        return SameDiffEnergyBuilder.forInput(2).name("tanh-mlp").seed(RandomKey.of(9)).dataType(DataType.DOUBLE)
                .config("dim", 2)
                .dense(8).layer(new ScaledTanh()).dense(1)
                .build();
    }

    @Test
    void customLayerGetsNamedInitialisedParametersAndCorrectGradients() {
        SameDiffEnergy e = custom();
        assertThat(e.parameters().keySet()).containsExactly("dense1.weight", "dense1.bias", "tanh1.scale",
                "dense2.weight", "dense2.bias");
        assertThat(e.parameters().get("tanh1.scale").amaxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
        assertThat(e.architecture()).isEqualTo("tanh-mlp: input[2] dense→8[8] scaled-tanh[8] dense→1[1]");
        INDArray x = FiniteDifferences.uniform(1, 3, 2);
        FiniteDifferences.checkInputGradient(e, x, 6, 1);
        INDArray w = FiniteDifferences.uniform(2, 3);
        FiniteDifferences.checkParameterGradient(e, e.parameterGradient(x, w),
                () -> e.energy(x).mul(w).sumNumber().doubleValue(), 3, 2);
    }

    @Test
    void shapeMistakesFailWhileBuilding() {
        assertThatThrownBy(() -> SameDiffEnergyBuilder.forInput(1, 8, 8).dense(4).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dense1")
                .hasMessageContaining("[1, 8, 8]").hasMessageContaining("add flatten");
        assertThatThrownBy(() -> SameDiffEnergyBuilder.forInput(4).conv2d(2, 3, 1, 0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[channels, height, width]");
        assertThatThrownBy(() -> SameDiffEnergyBuilder.forInput(1, 2, 2).conv2d(2, 5, 1, 0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaves no output");
        assertThatThrownBy(() -> SameDiffEnergyBuilder.forInput(4).dense(3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outputs [3] per sample")
                .hasMessageContaining("expected [1]");
        assertThatThrownBy(() -> SameDiffEnergyBuilder.forInput(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sampleShape = [0]");
        assertThatThrownBy(() -> SameDiffEnergyBuilder.forInput(2).dataType(DataType.HALF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HALF");
    }

    @Test
    void kaimingUniformBoundIsOneOverRootFanIn() {
        INDArray a = LayerContext.kaimingUniform(RandomKey.of(1), 100, 50, 100);
        assertThat(a.amaxNumber().doubleValue()).isLessThanOrEqualTo(0.1).isGreaterThan(0.099);
        // U(-b, b) has variance b^2/3; 5000 draws: standard error of the variance ~ b^2 * 0.0042
        assertThat(a.varNumber().doubleValue()).isCloseTo(0.01 / 3, org.assertj.core.data.Offset.offset(0.01 * 0.02));
        assertThat(LayerContext.kaimingUniform(RandomKey.of(1), 100, 50, 100)).isEqualTo(a);
    }
}
