package org.ebm4j.api.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NamedComponentsTest {

    @Test
    void unknownNameListsKnownNamesSorted() {
        NamedComponents<String> samplers = new NamedComponents<>("samplers", Map.of("ula", "u", "mala", "m"));
        assertThat(samplers.get("mala")).isEqualTo("m");
        assertThatThrownBy(() -> samplers.get("hmcc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown sampler 'hmcc'; known samplers: mala, ula");
    }
}
