package org.ebm4j.rbm.gibbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TemperatureLadderTest {

    @Test
    void linearAndGeometricLaddersRunFromOneToMinBeta() {
        assertThat(TemperatureLadder.linear(3, 0.4).betas()).containsExactly(1.0, 0.7, 0.4);
        double[] g = TemperatureLadder.geometric(3, 0.25).betas();
        assertThat(g[0]).isEqualTo(1.0);
        assertThat(g[1]).isCloseTo(0.5, within(1e-15));
        assertThat(g[2]).isEqualTo(0.25);
        assertThat(TemperatureLadder.linear(3, 0.4).toString()).isEqualTo("1,0.7,0.4");
        assertThat(TemperatureLadder.linear(3, 0.4)).isEqualTo(new TemperatureLadder(new double[] {1.0, 0.7, 0.4}));
    }

    @Test
    void badLaddersFailNamingTheArgument() {
        assertThatThrownBy(() -> TemperatureLadder.linear(1, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperatures = 1");
        assertThatThrownBy(() -> TemperatureLadder.geometric(4, 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min_beta = 0.0");
        assertThatThrownBy(() -> new TemperatureLadder(new double[] {1.0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("betas = [1.0]");
        assertThatThrownBy(() -> new TemperatureLadder(new double[] {0.9, 0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("betas[0] = 0.9");
        assertThatThrownBy(() -> new TemperatureLadder(new double[] {1.0, 0.5, 0.6}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("betas[2] = 0.6")
                .hasMessageContaining("decreasing");
        assertThatThrownBy(() -> new TemperatureLadder(new double[] {1.0, 0.5, 0.0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("betas[2] = 0.0")
                .hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new TemperatureLadder(new double[] {1.0, 1.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("betas[1] = 1.5");
    }
}
