package org.ebm4j.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ChecksTest {

    @Test
    void numbersOutsideTheirRangeAreNamed() {
        assertThatThrownBy(() -> Checks.positive("step_size", 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("step_size = 0.0; expected a finite number > 0");
        assertThatThrownBy(() -> Checks.positive("step_size", Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Checks.inRange("fresh_fraction", 1.5, 0, 1))
                .hasMessage("fresh_fraction = 1.5; expected a number in [0.0, 1.0]");
        assertThatThrownBy(() -> Checks.positive("steps", 0)).hasMessage("steps = 0; expected an integer >= 1");
        assertThat(Checks.inRange("p", 0.5, 0, 1)).isEqualTo(0.5);
    }

    @Test
    void batchShapeMismatchNamesExpectedShape() {
        assertThatThrownBy(() -> Checks.batch("x", Nd4j.create(3, 5), new long[] {2}))
                .hasMessage("x has shape [3, 5]; expected [n, 2]");
        assertThatThrownBy(() -> Checks.batch("x", Nd4j.create(3, 28, 28), new long[] {1, 28, 28}))
                .hasMessage("x has shape [3, 28, 28]; expected [n, 1, 28, 28]");
        assertThatThrownBy(() -> Checks.batch("x", null, new long[] {2})).hasMessageContaining("x is null");
        assertThat(Checks.batch("x", Nd4j.create(4, 2), new long[] {2})).isNotNull();
    }

    @Test
    void nonFiniteEntriesAreReported() {
        var x = Nd4j.create(new double[] {1, Double.NaN, 3});
        assertThatThrownBy(() -> Checks.finite("x", x)).hasMessage("x of shape [3] contains NaN entries; expected finite values");
        var y = Nd4j.create(new double[] {Double.POSITIVE_INFINITY, Double.NaN});
        assertThatThrownBy(() -> Checks.finite("y", y)).hasMessageContaining("NaN and Inf");
        assertThat(Checks.finite("z", Nd4j.ones(3))).isNotNull();
        // finite entries whose sum overflows are still finite
        assertThat(Checks.finite("big", Nd4j.createFromArray(3e38f, 3e38f, 3e38f))).isNotNull();
        assertThatThrownBy(() -> Checks.finite("inf", Nd4j.createFromArray(1f, Float.POSITIVE_INFINITY)))
                .hasMessage("inf of shape [2] contains Inf entries; expected finite values");
        assertThatThrownBy(() -> Checks.finite("both", Nd4j.createFromArray(Float.NEGATIVE_INFINITY,
                Float.POSITIVE_INFINITY))).hasMessageContaining("contains Inf entries");
    }
}
