package org.ebm4j.nn.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.ContrastiveDivergenceGradient;
import org.ebm4j.api.energy.EnergyGradient;
import org.ebm4j.nn.samediff.SameDiffEnergy;
import org.ebm4j.nn.testing.FiniteDifferences;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ConvSwishTest {

    /** c = 4 in double precision: small enough for finite differences, same layer structure as c = 32. */
    private static SameDiffEnergy small;

    @BeforeAll
    static void build() {
        small = ConvSwish.create(new ConvSwish.Config(4, 1, 28, 28, 3, DataType.DOUBLE));
    }

    @Test
    void parameterCountEqualsThePyTorchReference() {
        // torch: sum(p.numel() for p in cnn(32).parameters()) = 76993, cnn(4) -> 1281 (printed with torch 1.13)
        assertThat(ConvSwish.Config.mnist(0).parameterCount()).isEqualTo(76_993);
        assertThat(new ConvSwish.Config(4, 1, 28, 28, 0, DataType.FLOAT).parameterCount()).isEqualTo(1_281);
        assertThat(small.parameterCount()).isEqualTo(1_281);
        SameDiffEnergy cifar = ConvSwish.create(new ConvSwish.Config(8, 3, 32, 32, 0, DataType.FLOAT));
        assertThat(cifar.parameterCount()).isEqualTo(new ConvSwish.Config(8, 3, 32, 32, 0, DataType.FLOAT)
                .parameterCount());
    }

    @Test
    void fullWidthNetHasTheReferenceParameterCount() {
        SameDiffEnergy full = ConvSwish.create(ConvSwish.Config.mnist(0));
        assertThat(full.parameterCount()).isEqualTo(76_993);
        assertThat(full.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(full.parameters().get("conv1.weight").shape()).containsExactly(5, 5, 1, 16);
        assertThat(full.parameters().get("dense1.weight").shape()).containsExactly(256, 64);
    }

    @Test
    void layerShapesFollowTheReference() {
        INDArray x = FiniteDifferences.uniform(1, 2, 1, 28, 28);
        Map<String, INDArray> acts = small.activations(x);
        Map<String, long[]> expected = Map.ofEntries(
                Map.entry("conv1", new long[] {2, 2, 16, 16}), Map.entry("swish1", new long[] {2, 2, 16, 16}),
                Map.entry("conv2", new long[] {2, 4, 8, 8}), Map.entry("swish2", new long[] {2, 4, 8, 8}),
                Map.entry("conv3", new long[] {2, 8, 4, 4}), Map.entry("swish3", new long[] {2, 8, 4, 4}),
                Map.entry("conv4", new long[] {2, 8, 2, 2}), Map.entry("swish4", new long[] {2, 8, 2, 2}),
                Map.entry("flatten1", new long[] {2, 32}), Map.entry("dense1", new long[] {2, 8}),
                Map.entry("swish5", new long[] {2, 8}), Map.entry("dense2", new long[] {2, 1}));
        assertThat(acts.keySet()).containsExactly("conv1", "swish1", "conv2", "swish2", "conv3", "swish3", "conv4",
                "swish4", "flatten1", "dense1", "swish5", "dense2");
        expected.forEach((layer, shape) -> assertThat(acts.get(layer).shape()).as(layer).isEqualTo(shape));
        for (SameDiffEnergy.LayerInfo l : small.layers()) {
            long[] batch = acts.get(l.name()).shape();
            assertThat(java.util.Arrays.copyOfRange(batch, 1, batch.length)).as(l.name()).isEqualTo(l.shape());
        }
    }

    @Test
    void colourImagesComputeTheirFlattenSize() {
        SameDiffEnergy cifar = ConvSwish.create(new ConvSwish.Config(8, 3, 32, 32, 0, DataType.FLOAT));
        // 32 -> 18 -> 9 -> 5 -> 3: flatten 2c * 3 * 3 = 144
        assertThat(cifar.layers().stream().filter(l -> l.name().equals("flatten1")).findFirst().orElseThrow()
                .shape()).containsExactly(144);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 3, 32, 32);
        EnergyGradient eg = cifar.energyAndGradient(x);
        assertThat(eg.energy().shape()).containsExactly(3);
        assertThat(eg.gradient().shape()).containsExactly(3, 3, 32, 32);
    }

    @Test
    void energyIsTheNetworkOutputAndTheGradientDescendsIt() {
        // Convention: energy = output of the last dense layer (the reference's network outputs -E instead).
        INDArray x = FiniteDifferences.uniform(2, 3, 1, 28, 28);
        EnergyGradient eg = small.energyAndGradient(x);
        INDArray out = small.activations(x).get("dense2").reshape(3);
        assertThat(eg.energy().toDoubleVector()).containsExactly(out.toDoubleVector());
        assertThat(small.energy(x).toDoubleVector()).containsExactly(out.toDoubleVector());
        // A small step against the gradient lowers every energy: E(x - h g) = E(x) - h |g|^2 + O(h^2).
        INDArray g = eg.gradient();
        double h = 1e-3 / g.norm2Number().doubleValue();
        INDArray lower = small.energy(x.sub(g.mul(h)));
        for (int i = 0; i < 3; i++) {
            assertThat(lower.getDouble(i)).isLessThan(eg.energy().getDouble(i));
        }
    }

    @Test
    void inputGradientMatchesFiniteDifferences() {
        INDArray x = FiniteDifferences.uniform(3, 2, 1, 28, 28);
        FiniteDifferences.checkInputGradient(small, x, 40, 11);
    }

    @Test
    void batchedCallsAgreeWithPreallocatedOutputs() {
        INDArray x = FiniteDifferences.uniform(4, 5, 1, 28, 28);
        EnergyGradient eg = small.energyAndGradient(x);
        INDArray e = Nd4j.create(DataType.DOUBLE, 5);
        INDArray g = Nd4j.create(DataType.DOUBLE, 5, 1, 28, 28);
        small.energyAndGradient(x, e, g);
        assertThat(e).isEqualTo(eg.energy());
        assertThat(g).isEqualTo(eg.gradient());
        // rows are independent: the energy of row 1 alone equals row 1 of the batch
        INDArray one = x.get(NDArrayIndex.interval(1, 2)).dup();
        assertThat(small.energy(one).getDouble(0)).isCloseTo(eg.energy().getDouble(1),
                org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void parameterGradientMatchesFiniteDifferences() {
        INDArray x = FiniteDifferences.uniform(5, 3, 1, 28, 28);
        INDArray weights = Nd4j.createFromArray(0.7, -1.3, 0.4);
        Map<String, INDArray> grads = small.parameterGradient(x, weights);
        assertThat(grads.keySet()).containsExactlyElementsOf(small.parameters().keySet());
        FiniteDifferences.checkParameterGradient(small, grads,
                () -> small.energy(x).mul(weights).sumNumber().doubleValue(), 3, 12);
    }

    @Test
    void fusedContrastiveGradientMatchesFiniteDifferencesAndTheVjpRoute() {
        INDArray pos = FiniteDifferences.uniform(6, 3, 1, 28, 28);
        INDArray neg = FiniteDifferences.uniform(7, 2, 1, 28, 28);
        double alpha = 0.1;
        ContrastiveDivergenceGradient.Result r = small.contrastiveGradient(pos, neg, alpha);
        INDArray ePos = small.energy(pos);
        INDArray eNeg = small.energy(neg);
        double meanPos = ePos.meanNumber().doubleValue();
        double meanNeg = eNeg.meanNumber().doubleValue();
        double reg = ePos.mul(ePos).meanNumber().doubleValue() + eNeg.mul(eNeg).meanNumber().doubleValue();
        assertThat(r.meanEnergyPositive()).isCloseTo(meanPos, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.meanEnergyNegative()).isCloseTo(meanNeg, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.regularizer()).isCloseTo(reg, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.loss()).isCloseTo(meanPos - meanNeg + alpha * reg, org.assertj.core.data.Offset.offset(1e-12));
        // The VJP route: dL/dE+ = (1 + 2 alpha E+)/n, dL/dE- = (-1 + 2 alpha E-)/m
        Map<String, INDArray> vjp = small.parameterGradient(pos, ePos.mul(2 * alpha).addi(1).divi(3));
        Map<String, INDArray> vjpNeg = small.parameterGradient(neg, eNeg.mul(2 * alpha).subi(1).divi(2));
        for (String p : vjp.keySet()) {
            INDArray expected = vjp.get(p).add(vjpNeg.get(p));
            assertThat(r.gradients().get(p).sub(expected).amaxNumber().doubleValue()).as(p)
                    .isLessThan(1e-12 + 1e-10 * expected.amaxNumber().doubleValue());
        }
        FiniteDifferences.checkParameterGradient(small, r.gradients(), () -> {
            INDArray a = small.energy(pos);
            INDArray b = small.energy(neg);
            return a.meanNumber().doubleValue() - b.meanNumber().doubleValue()
                    + alpha * (a.mul(a).meanNumber().doubleValue() + b.mul(b).meanNumber().doubleValue());
        }, 2, 13);
    }

    @Test
    void badInputsNameTheExpectedShape() {
        assertThatThrownBy(() -> small.energy(Nd4j.zeros(DataType.DOUBLE, 2, 3, 28, 28)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3, 28, 28]")
                .hasMessageContaining("expected [n, 1, 28, 28]");
        assertThatThrownBy(() -> small.energyAndGradient(Nd4j.zeros(DataType.DOUBLE, 2, 1, 32, 32)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected [n, 1, 28, 28]");
        assertThatThrownBy(() -> small.energy(Nd4j.zeros(DataType.DOUBLE, 2, 784)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected [n, 1, 28, 28]");
        INDArray nan = Nd4j.zeros(DataType.DOUBLE, 2, 1, 28, 28);
        nan.putScalar(new long[] {1, 0, 3, 4}, Double.NaN);
        assertThatThrownBy(() -> small.energyAndGradient(nan))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN")
                .hasMessageContaining("[2, 1, 28, 28]");
        assertThatThrownBy(() -> small.parameterGradient(Nd4j.zeros(DataType.DOUBLE, 2, 1, 28, 28),
                Nd4j.ones(DataType.DOUBLE, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("energyWeights")
                .hasMessageContaining("expected [2]");
        assertThatThrownBy(() -> small.contrastiveGradient(Nd4j.zeros(DataType.DOUBLE, 2, 1, 28, 28),
                Nd4j.zeros(DataType.DOUBLE, 2, 1, 28, 28), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha = -1");
    }

    @Test
    void floatInputsAreCastToTheGraphType() {
        INDArray x = FiniteDifferences.uniform(8, 2, 1, 28, 28);
        INDArray expected = small.energy(x);
        INDArray fromFloat = small.energy(x.castTo(DataType.FLOAT));
        assertThat(fromFloat.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(fromFloat.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-5);
    }

    @Test
    void configurationIsValidated() {
        assertThatThrownBy(() -> ConvSwish.config(ComponentConfig.of("energy 'conv-swish'", Map.of("hidden", 5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hidden = 5");
        assertThatThrownBy(() -> ConvSwish.config(ComponentConfig.of("energy 'conv-swish'", Map.of("depth", 5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depth");
        assertThatThrownBy(() -> ConvSwish.config(ComponentConfig.of("energy 'conv-swish'", Map.of("dtype", "half"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dtype = 'half'");
        ConvSwish.Config c = ConvSwish.config(ComponentConfig.of("e", Map.of("channels", 3, "height", 32,
                "width", 32, "hidden", 16)));
        assertThat(List.of(c.hidden(), c.channels(), c.height(), c.width())).containsExactly(16, 3, 32, 32);
    }

    @Test
    void sameSeedSameParametersOtherSeedOthers() {
        SameDiffEnergy a = ConvSwish.create(new ConvSwish.Config(4, 1, 28, 28, 3, DataType.DOUBLE));
        SameDiffEnergy b = ConvSwish.create(new ConvSwish.Config(4, 1, 28, 28, 4, DataType.DOUBLE));
        assertThat(a.parameters().get("conv2.weight")).isEqualTo(small.parameters().get("conv2.weight"));
        assertThat(b.parameters().get("conv2.weight")).isNotEqualTo(small.parameters().get("conv2.weight"));
        // Kaiming-uniform bound 1/sqrt(fanIn): conv2 has fanIn = 2 * 3 * 3 = 18
        double bound = 1 / Math.sqrt(18);
        INDArray w = a.parameters().get("conv2.weight");
        assertThat(w.amaxNumber().doubleValue()).isLessThanOrEqualTo(bound).isGreaterThan(0.8 * bound);
    }

    @Test
    void floatGraphAgreesWithTheDoubleGraphOnEveryRepeatedCall() {
        // Guards the ND4J 1.0.0-M2.1 array-cache bug that made repeated float energy() calls return wrong values.
        SameDiffEnergy single = ConvSwish.create(new ConvSwish.Config(4, 1, 28, 28, 3, DataType.FLOAT));
        INDArray x = FiniteDifferences.uniform(9, 4, 1, 28, 28);
        EnergyGradient expected = small.energyAndGradient(x);
        Map<String, INDArray> expectedGrad = small.parameterGradient(x, Nd4j.ones(DataType.DOUBLE, 4));
        INDArray xf = x.castTo(DataType.FLOAT);
        for (int call = 0; call < 3; call++) {
            EnergyGradient eg = single.energyAndGradient(xf);
            assertThat(maxDiff(single.energy(xf), expected.energy())).as("energy, call " + call).isLessThan(1e-6);
            assertThat(maxDiff(eg.energy(), expected.energy())).as("energy, call " + call).isLessThan(1e-6);
            assertThat(maxDiff(eg.gradient(), expected.gradient()))
                    .isLessThan(1e-5 * expected.gradient().amaxNumber().doubleValue());
            Map<String, INDArray> g = single.parameterGradient(xf, Nd4j.ones(DataType.FLOAT, 4));
            for (String p : g.keySet()) {
                assertThat(maxDiff(g.get(p), expectedGrad.get(p))).as(p + ", call " + call)
                        .isLessThan(1e-5 * expectedGrad.get(p).amaxNumber().doubleValue() + 1e-7);
            }
        }
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
