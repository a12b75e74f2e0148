package org.ebm4j.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComponentConfigTest {

    @Test
    void typedAccessorsParseAndFallBackToDefaults() {
        ComponentConfig c = ComponentConfig.parse("sampler 'mala'", List.of("step_size=0.1", "steps = 60", "adapt=true"));
        assertThat(c.getDouble("step_size", 1)).isEqualTo(0.1);
        assertThat(c.getInt("steps", 1)).isEqualTo(60);
        assertThat(c.getBoolean("adapt", false)).isTrue();
        assertThat(c.getDouble("missing", 2.5)).isEqualTo(2.5);
        assertThat(c.with("steps", 5).getInt("steps", 0)).isEqualTo(5);
        assertThat(c.withDefaults(Map.of("steps", 1, "x", 2)).getInt("steps", 0)).isEqualTo(60);
    }

    @Test
    void malformedValuesNameComponentKeyAndExpectation() {
        ComponentConfig c = ComponentConfig.of("sampler 'mala'", Map.of("step_size", "fast", "steps", "-3"));
        assertThatThrownBy(() -> c.getDouble("step_size", 1))
                .hasMessage("sampler 'mala': step_size = 'fast'; expected a number");
        assertThatThrownBy(() -> c.getPositiveInt("steps", 1))
                .hasMessage("sampler 'mala': steps = -3; expected an integer >= 1");
        assertThatThrownBy(() -> ComponentConfig.parse("x", List.of("novalue")))
                .hasMessageContaining("expected key=value");
    }

    @Test
    void unknownKeysFailListingKnownOnes() {
        ComponentConfig c = ComponentConfig.of("sampler 'ula'", Map.of("stepsize", 1));
        assertThatThrownBy(() -> c.requireOnly(Set.of("step_size", "clamp")))
                .hasMessage("sampler 'ula': unknown parameter [stepsize]; known parameters are [clamp, step_size]");
    }
}
