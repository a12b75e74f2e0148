package org.ebm4j.bench.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.testing.QuadraticEnergy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ComponentRegistryTest {

    private final ComponentRegistry registry = ComponentRegistry.discover();

    @Test
    void everyExtensionPointIsPresent() {
        assertThat(registry.all().keySet()).containsExactly("energies", "samplers", "chain initializers",
                "replay buffers", "objectives", "optimizers", "datasets", "benchmark cells", "peer comparisons", "execution engines");
        assertThat(registry.chainInitializers().all()).containsKeys("uniform", "gaussian");
    }

    @Test
    void aSamplerFromAnotherJarIsFoundByNameAndRuns() {
        SamplingKernel<?> kernel = registry.samplers().get("greedy-descent")
                .create(new QuadraticEnergy(2), ComponentConfig.of("sampler 'greedy-descent'", Map.of("step_size", 0.5)));
        INDArray end = runErased(kernel, Nd4j.ones(3, 2), 10);
        // x_t = (1 - 0.5)^t x_0
        assertThat(end.getDouble(0, 0)).isCloseTo(Math.pow(0.5, 10), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> registry.samplers().get("no-such-sampler"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown sampler 'no-such-sampler'; known samplers: ")
                .hasMessageContaining("greedy-descent");
        assertThatThrownBy(() -> registry.chainInitializers().get("zeros"))
                .hasMessage("unknown chain initializer 'zeros'; known chain initializers: "
                        + String.join(", ", registry.chainInitializers().all().keySet()));
    }

    @Test
    void malformedConfigurationFailsBeforeSampling() {
        var factory = registry.samplers().get("greedy-descent");
        var energy = new QuadraticEnergy(2);
        assertThatThrownBy(() -> factory.create(energy, ComponentConfig.of("sampler 'greedy-descent'",
                Map.of("step_size", "-1")))).hasMessage("sampler 'greedy-descent': step_size = -1.0; expected a finite number > 0");
        assertThatThrownBy(() -> factory.create(energy, ComponentConfig.of("sampler 'greedy-descent'",
                Map.of("stepsize", "1")))).hasMessageContaining("unknown parameter [stepsize]");
    }

    @Test
    void wrongShapesAreRejectedWithTheExpectedShape() {
        SamplingKernel<?> kernel = registry.samplers().get("greedy-descent")
                .create(new QuadraticEnergy(2), ComponentConfig.empty("sampler 'greedy-descent'"));
        assertThatThrownBy(() -> kernel.init(Nd4j.ones(3, 5)))
                .hasMessage("position has shape [3, 5]; expected [n, 2]");
    }

    private static <S extends org.ebm4j.api.sampling.SamplerState> INDArray runErased(SamplingKernel<S> kernel,
                                                                                      INDArray x, int steps) {
        return SamplingDriver.run(kernel, x, steps, RandomKey.of(0)).samples();
    }
}
