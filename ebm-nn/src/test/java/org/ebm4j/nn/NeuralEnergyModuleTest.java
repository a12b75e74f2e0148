package org.ebm4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Map;
import java.util.ServiceLoader;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFactory;
import org.ebm4j.api.energy.ParametricEnergy;
import org.junit.jupiter.api.Test;

class NeuralEnergyModuleTest {

    @Test
    void energiesAreBoundByNameAndListedAsAService() {
        Map<String, EnergyFactory> factories = Guice.createInjector(new NeuralEnergyModule())
                .getInstance(Key.get(new TypeLiteral<Map<String, EnergyFactory>>() { }));
        assertThat(factories).containsOnlyKeys("conv-swish", "mlp-swish");
        assertThat(ServiceLoader.load(com.google.inject.Module.class).stream()
                .map(p -> p.type().getName())).contains(NeuralEnergyModule.class.getName());
        ParametricEnergy mlp = (ParametricEnergy) factories.get("mlp-swish")
                .create(ComponentConfig.of("energy 'mlp-swish'", Map.of("dim", 3, "hidden", "5")));
        assertThat(mlp.parameterCount()).isEqualTo(3 * 5 + 5 + 5 + 1);
        ParametricEnergy conv = (ParametricEnergy) factories.get("conv-swish")
                .create(ComponentConfig.empty("energy 'conv-swish'"));
        assertThat(conv.parameterCount()).isEqualTo(76_993);
        assertThat(conv.sampleShape()).containsExactly(1, 28, 28);
        assertThat(conv).isInstanceOf(org.ebm4j.nn.direct.DirectGradientEnergy.class);
        assertThat(factories.get("conv-swish").create(ComponentConfig.of("energy 'conv-swish'",
                Map.of("input_gradient", "samediff", "hidden", 4))))
                .isInstanceOf(org.ebm4j.nn.samediff.SameDiffEnergy.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> factories.get("mlp-swish")
                .create(ComponentConfig.of("energy 'mlp-swish'", Map.of("input_gradient", "fast"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input_gradient = 'fast'");
    }
}
