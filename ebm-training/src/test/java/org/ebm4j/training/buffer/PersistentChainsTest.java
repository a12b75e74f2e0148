package org.ebm4j.training.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ebm4j.api.random.RandomKey;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PersistentChainsTest {

    @Test
    void chainsPersistAcrossDrawsAndSnapshots() {
        PersistentChains chains = new PersistentChains(new long[] {6}, 4, PersistentChains.Init.BERNOULLI, 0, 1,
                DataType.FLOAT);
        assertThat(chains.size()).isZero();
        INDArray first = chains.draw(4, RandomKey.of(1));
        assertThat(first.shape()).containsExactly(4, 6);
        assertThat(first.mul(first.rsub(1)).sumNumber().doubleValue()).isZero(); // binary
        assertThat(chains.draw(4, RandomKey.of(2))).isEqualTo(first); // same chains, not redrawn
        INDArray advanced = Nd4j.rand(DataType.FLOAT, 4, 6);
        chains.add(advanced);
        assertThat(chains.draw(4, RandomKey.of(3))).isEqualTo(advanced);

        PersistentChains restored = new PersistentChains(new long[] {6}, 4, PersistentChains.Init.UNIFORM, -1, 1,
                DataType.FLOAT);
        restored.restore(chains.snapshot());
        assertThat(restored.draw(4, RandomKey.of(9))).isEqualTo(advanced);
        assertThat(new PersistentChains(new long[] {6}, 4, PersistentChains.Init.UNIFORM, -1, 1, DataType.FLOAT)
                .snapshot().shape()).containsExactly(0, 6);
    }

    @Test
    void addedChainsAreCopiesIndependentOfTheCallersArrays() {
        PersistentChains chains = new PersistentChains(new long[] {3}, 2, PersistentChains.Init.BERNOULLI, 0, 1,
                DataType.FLOAT);
        chains.draw(2, RandomKey.of(1));
        INDArray advanced = Nd4j.createFromArray(new float[][] {{1, 0, 1}, {0, 1, 1}});
        chains.add(advanced);
        INDArray expected = advanced.dup();
        advanced.assign(7);
        INDArray drawn = chains.draw(2, RandomKey.of(2));
        assertThat(drawn).isEqualTo(expected);
        drawn.assign(5);
        assertThat(chains.draw(2, RandomKey.of(3))).isEqualTo(expected);
    }

    @Test
    void wrongCountsAndShapesFail() {
        PersistentChains chains = new PersistentChains(new long[] {6}, 4, PersistentChains.Init.UNIFORM, -1, 1,
                DataType.FLOAT);
        assertThatThrownBy(() -> chains.draw(5, RandomKey.of(1))).hasMessageContaining("draw n = 5");
        assertThatThrownBy(() -> chains.add(Nd4j.zeros(4, 5))).hasMessageContaining("expected the 4 advanced chains, shape [4, 6]");
    }
}
