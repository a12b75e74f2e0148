package org.ebm4j.api.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

class RandomKeyTest {

    @Test
    void sameSeedGivesSameKeysAndNumbers() throws Exception {
        RandomKey a = RandomKey.of(42).fold(7).fold("noise");
        RandomKey b = RandomKey.of(42).fold(7).fold("noise");
        assertThat(a).isEqualTo(b);
        assertThat(a.javaRandom().nextLong()).isEqualTo(b.javaRandom().nextLong());
        INDArray x;
        INDArray y;
        try (Random ra = a.nd4jRandom(); Random rb = b.nd4jRandom()) {
            x = Nd4j.getExecutioner().exec(new GaussianDistribution(Nd4j.create(100), 0, 1), ra);
            y = Nd4j.getExecutioner().exec(new GaussianDistribution(Nd4j.create(100), 0, 1), rb);
        }
        assertThat(x).isEqualTo(y);
    }

    @Test
    void subKeysAreDistinct() {
        RandomKey root = RandomKey.of(1);
        Set<Long> bits = new HashSet<>();
        for (RandomKey k : root.split(10_000)) {
            bits.add(k.bits());
        }
        bits.add(RandomKey.of(2).bits());
        assertThat(bits).hasSize(10_001);
        assertThat(root.fold(0)).isNotEqualTo(root.fold(1));
        assertThat(RandomKey.of(0)).isNotEqualTo(RandomKey.of(1));
    }

    @Test
    void subKeyStreamsLookUniform() {
        // The first uniform draw of 20,000 sibling keys: the mean of U(0,1) is 1/2 with standard error
        // sqrt(1/12/n); allow 5 standard errors.
        int n = 20_000;
        double sum = 0;
        for (RandomKey k : RandomKey.of(3).split(n)) {
            sum += k.javaRandom().nextDouble();
        }
        double se = Math.sqrt(1.0 / 12 / n);
        assertThat(Math.abs(sum / n - 0.5)).isLessThan(5 * se);
    }

    @Test
    void splitRejectsNonPositiveCounts() {
        assertThatThrownBy(() -> RandomKey.of(1).split(0)).hasMessageContaining("n = 0");
    }
}
