package org.ebm4j.nn.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ebm4j.api.energy.EnergyGradient;
import org.ebm4j.nn.architecture.ConvSwish;
import org.ebm4j.nn.architecture.MlpSwish;
import org.ebm4j.nn.samediff.Layer;
import org.ebm4j.nn.samediff.LayerContext;
import org.ebm4j.nn.samediff.SameDiffEnergy;
import org.ebm4j.nn.samediff.SameDiffEnergyBuilder;
import org.ebm4j.nn.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DirectGradientEnergyTest {

    @Test
    void agreesWithTheSameDiffPathInDoublePrecision() {
        SameDiffEnergy conv = ConvSwish.create(new ConvSwish.Config(4, 1, 28, 28, 3, DataType.DOUBLE));
        DirectGradientEnergy direct = new DirectGradientEnergy(conv);
        for (int n : new int[] {3, 5, 3}) {  // batch sizes change: buffers are rebuilt
            INDArray x = FiniteDifferences.uniform(n, n, 1, 28, 28);
            assertAgree(conv.energyAndGradient(x), direct.energyAndGradient(x), 1e-12);
            assertThat(maxDiff(direct.energy(x), conv.energy(x))).isLessThan(1e-12);
        }
        INDArray x = FiniteDifferences.uniform(7, 2, 1, 28, 28);
        FiniteDifferences.checkInputGradient(direct, x, 20, 5);
        INDArray wide = FiniteDifferences.uniform(8, 4, 1, 28, 28);  // a strided view: rows 1 and 3
        INDArray view = wide.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2, 4));
        assertAgree(conv.energyAndGradient(view.dup()), direct.energyAndGradient(view), 1e-12);
    }

    @ParameterizedTest
    @EnumSource(DirectGradientEnergy.Convolutions.class)
    void agreesWithTheSameDiffPathInFloatAtFullWidthAndSeesParameterUpdates(DirectGradientEnergy.Convolutions convs) {
        SameDiffEnergy conv = ConvSwish.create(ConvSwish.Config.mnist(1));
        DirectGradientEnergy direct = new DirectGradientEnergy(conv, convs);
        assertThat(direct.convolutions()).isEqualTo(convs);
        for (int n : new int[] {8, 3}) {  // a new batch size builds new buffers (and oneDNN primitives)
            INDArray x = Nd4j.rand(DataType.FLOAT, n, 1, 28, 28).muli(2).subi(1);
            INDArray e = Nd4j.create(DataType.FLOAT, n);
            INDArray g = Nd4j.create(DataType.FLOAT, n, 1, 28, 28);
            for (int call = 0; call < 2; call++) {
                direct.energyAndGradient(x, e, g);
                assertAgree(conv.energyAndGradient(x), new EnergyGradient(e, g), 2e-5);
                assertThat(maxDiff(direct.energy(x), e)).isEqualTo(0.0);
                conv.parameters().get("conv1.weight").muli(1.5);  // optimiser steps, in place
                conv.parameters().get("conv3.bias").addi(0.01);
            }
        }
        INDArray wide = Nd4j.rand(DataType.FLOAT, 6, 1, 28, 28);  // a strided view, and a gradient view to write
        INDArray view = wide.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2, 6));
        INDArray gWide = Nd4j.create(DataType.FLOAT, 6, 1, 28, 28);
        INDArray gView = gWide.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2, 6));
        INDArray e = Nd4j.create(DataType.FLOAT, 3);
        direct.energyAndGradient(view, e, gView);
        assertAgree(conv.energyAndGradient(view.dup()), new EnergyGradient(e, gView.dup()), 2e-5);
        assertThat(direct.parameters().get("dense1.weight")).isSameAs(conv.parameters().get("dense1.weight"));
        assertThat(direct.parameterCount()).isEqualTo(76_993);
    }

    @Test
    void oneDnnIsChosenForFloatConvNetsAndRefusedWhereItCannotRun() {
        SameDiffEnergy floatConv = ConvSwish.create(new ConvSwish.Config(4, 1, 28, 28, 3, DataType.FLOAT));
        assertThat(new DirectGradientEnergy(floatConv).convolutions())
                .isEqualTo(DirectGradientEnergy.Convolutions.ONEDNN);
        SameDiffEnergy doubleConv = ConvSwish.create(new ConvSwish.Config(4, 1, 28, 28, 3, DataType.DOUBLE));
        assertThat(new DirectGradientEnergy(doubleConv).convolutions())
                .isEqualTo(DirectGradientEnergy.Convolutions.ND4J);
        assertThatThrownBy(() -> new DirectGradientEnergy(doubleConv, DirectGradientEnergy.Convolutions.ONEDNN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FLOAT only");
        SameDiffEnergy mlp = MlpSwish.create(new MlpSwish.Config(3, List.of(16, 8), 5, DataType.FLOAT));
        assertThatThrownBy(() -> new DirectGradientEnergy(mlp, DirectGradientEnergy.Convolutions.ONEDNN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conv2d [swish] blocks");
    }

    @ParameterizedTest
    @EnumSource(DirectGradientEnergy.Convolutions.class)
    void parameterGradientsAndTheCdLossAgreeWithTheSameDiffGraph(DirectGradientEnergy.Convolutions convs) {
        // ND4J's convolutions in double agree to rounding; oneDNN's run in float
        DataType type = convs == DirectGradientEnergy.Convolutions.ND4J ? DataType.DOUBLE : DataType.FLOAT;
        double tolerance = type == DataType.DOUBLE ? 1e-10 : 1e-4;
        SameDiffEnergy conv = ConvSwish.create(new ConvSwish.Config(8, 1, 28, 28, 5, type));
        DirectGradientEnergy direct = new DirectGradientEnergy(conv, convs);
        INDArray positive = Nd4j.rand(type, 6, 1, 28, 28).muli(2).subi(1);
        INDArray negative = Nd4j.rand(type, 4, 1, 28, 28).muli(2).subi(1);
        for (int call = 0; call < 2; call++) {
            var expected = conv.contrastiveGradient(positive, negative, 0.1);
            var actual = direct.contrastiveGradient(positive, negative, 0.1);
            assertThat(actual.loss()).isCloseTo(expected.loss(), org.assertj.core.data.Offset.offset(
                    tolerance * Math.abs(expected.loss()) + tolerance));
            assertThat(actual.regularizer()).isCloseTo(expected.regularizer(), org.assertj.core.data.Offset.offset(
                    tolerance * expected.regularizer() + tolerance));
            assertGradientsAgree(expected.gradients(), actual.gradients(), tolerance);
            INDArray weights = Nd4j.linspace(-1, 1, 6, type);
            assertGradientsAgree(conv.parameterGradient(positive, weights), direct.parameterGradient(positive, weights),
                    tolerance);
            conv.parameters().get("conv2.weight").muli(-0.7);  // the next call sees the update
        }
        assertThatThrownBy(() -> direct.parameterGradient(positive, Nd4j.ones(type, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected [6]");
    }

    private static void assertGradientsAgree(java.util.Map<String, INDArray> expected,
                                             java.util.Map<String, INDArray> actual, double relative) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, e) -> {
            INDArray a = actual.get(name);
            assertThat(a.shape()).as(name).isEqualTo(e.shape());
            double scale = e.amaxNumber().doubleValue();
            assertThat(maxDiff(a, e)).as(name).isLessThanOrEqualTo(relative * scale + 1e-30);
        });
    }

    @Test
    void aClosedOneDnnStageRefusesWork() {
        SameDiffEnergy net = ConvSwish.create(new ConvSwish.Config(4, 1, 28, 28, 3, DataType.FLOAT));
        OneDnnConvStage stage = new OneDnnConvStage(net.layers(), net.sampleShape(), 2,
                net.graph()::getArrForVarName);
        INDArray out = Nd4j.create(DataType.FLOAT, 2, stage.outputFeatures());
        stage.forward(Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28), out);
        stage.close();
        stage.close();  // idempotent
        assertThatThrownBy(() -> stage.forward(Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28), out))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    /** Three channels, a conv without swish, odd sizes and a padding that leaves a right margin of 0. */
    @Test
    void oneDnnAgreesOnOtherShapes() {
        SameDiffEnergy net = SameDiffEnergyBuilder.forInput(3, 11, 9).conv2d(5, 3, 2, 1).swish().conv2d(6, 2, 1, 0)
                .flatten().dense(4).swish().dense(1).build();
        DirectGradientEnergy oneDnn = new DirectGradientEnergy(net, DirectGradientEnergy.Convolutions.ONEDNN);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 3, 11, 9).muli(2).subi(1);
        assertAgree(net.energyAndGradient(x), oneDnn.energyAndGradient(x), 2e-5);
    }

    @Test
    void mlpAgreesAndCustomLayersAreRejected() {
        SameDiffEnergy mlp = MlpSwish.create(new MlpSwish.Config(3, List.of(16, 8), 5, DataType.DOUBLE));
        INDArray x = FiniteDifferences.uniform(1, 6, 3);
        assertAgree(mlp.energyAndGradient(x), new DirectGradientEnergy(mlp).energyAndGradient(x), 1e-12);

        Layer tanh = new Layer() {
            @Override
            public long[] outputShape(long[] inputShape) {
                return inputShape;
            }

            @Override
            public SDVariable apply(LayerContext ctx, SDVariable input, long[] inputShape) {
                return ctx.graph().math().tanh(input);
            }

            @Override
            public String describe() {
                return "tanh";
            }
        };
        SameDiffEnergy custom = SameDiffEnergyBuilder.forInput(2).dense(4).layer(tanh).dense(1).build();
        assertThatThrownBy(() -> new DirectGradientEnergy(custom)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer1 (tanh)").hasMessageContaining("supports conv2d, dense, swish");
        assertThatThrownBy(() -> new DirectGradientEnergy(mlp).energy(Nd4j.zeros(DataType.DOUBLE, 2, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected [n, 3]");
    }

    @Test
    void nonFiniteInputsAreRejectedWithTheShape() {
        DirectGradientEnergy conv = new DirectGradientEnergy(
                ConvSwish.create(new ConvSwish.Config(4, 1, 28, 28, 3, DataType.FLOAT)));
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            INDArray x = Nd4j.zeros(DataType.FLOAT, 2, 1, 28, 28);
            x.putScalar(new long[] {1, 0, 27, 0}, bad);
            assertThatThrownBy(() -> conv.energyAndGradient(x)).as("input " + bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 1, 28, 28]")
                    .hasMessageContaining("expected finite values");
            assertThatThrownBy(() -> conv.energy(x)).as("input " + bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 1, 28, 28]");
        }
        // a 1x1 convolution with stride 2 never reads odd pixels: NaN there must still be caught
        DirectGradientEnergy skipping = new DirectGradientEnergy(SameDiffEnergyBuilder.forInput(1, 4, 4)
                .conv2d(2, 1, 2, 0).swish().flatten().dense(1).build());
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 1, 4, 4);
        x.putScalar(new long[] {0, 0, 1, 1}, Double.NaN);
        assertThatThrownBy(() -> skipping.energyAndGradient(x)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
    }

    private static void assertAgree(EnergyGradient expected, EnergyGradient actual, double relative) {
        double scaleE = expected.energy().amaxNumber().doubleValue();
        double scaleG = expected.gradient().amaxNumber().doubleValue();
        assertThat(maxDiff(actual.energy(), expected.energy())).as("energy").isLessThanOrEqualTo(relative * scaleE);
        assertThat(maxDiff(actual.gradient(), expected.gradient())).as("gradient")
                .isLessThanOrEqualTo(relative * scaleG);
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
