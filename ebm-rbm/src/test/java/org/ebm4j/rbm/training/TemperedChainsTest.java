package org.ebm4j.rbm.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.rbm.gibbs.BlockGibbsKernel;
import org.ebm4j.rbm.gibbs.ParallelTemperingKernel;
import org.ebm4j.rbm.gibbs.TemperedState;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.testing.RbmFixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class TemperedChainsTest {

    private final BernoulliRbm rbm = RbmFixtures.randomRbm(6, 3, 1.0, 0.5, 2);
    private final ParallelTemperingKernel kernel = new ParallelTemperingKernel(rbm, 3, 0.5);

    @Test
    void snapshotAndCountersRestoreTheWholeTemperedState() {
        TemperedChains chains = new TemperedChains(3, 4, new long[] {6}, DataType.DOUBLE);
        assertThat(chains.size()).isZero();
        assertThat(chains.snapshot().shape()).containsExactly(0, 6);
        TemperedState start = (TemperedState) chains.resume(kernel, 4, RandomKey.of(1));
        assertThat(start.replicas()).hasSize(3);
        TemperedState advanced = SamplingDriver.run(kernel, start, 5, RandomKey.of(2), false, null).finalState();
        chains.keep(advanced);

        TemperedChains copy = new TemperedChains(3, 4, new long[] {6}, DataType.DOUBLE);
        copy.restore(chains.snapshot());
        copy.restoreCounters(chains.counters());
        TemperedState restored = (TemperedState) copy.resume(kernel, 4, RandomKey.of(99));
        assertThat(restored.step()).isEqualTo(5);
        assertThat(restored.swapAttempts()).containsExactly(advanced.swapAttempts());
        assertThat(restored.swapAccepts()).containsExactly(advanced.swapAccepts());
        for (int r = 0; r < 3; r++) {
            assertThat(restored.replicas().get(r)).isEqualTo(advanced.replicas().get(r));
        }
        assertThat(copy.draw(4, RandomKey.of(3))).isEqualTo(advanced.position());
        assertThat(copy.metrics()).containsOnlyKeys("swap_rate_0_1", "swap_rate_1_2");
        assertThat(copy.metrics().values()).allSatisfy(rate -> assertThat(rate).isBetween(0.0, 1.0));
    }

    @Test
    void wrongSamplerOrChainCountFails() {
        TemperedChains chains = new TemperedChains(3, 4, new long[] {6}, DataType.DOUBLE);
        assertThatThrownBy(() -> chains.resume(new BlockGibbsKernel(rbm), 4, RandomKey.of(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sampler = gibbs-rbm");
        assertThatThrownBy(() -> chains.resume(new ParallelTemperingKernel(rbm, 4, 0.5), 4, RandomKey.of(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("with 4 temperatures");
        assertThatThrownBy(() -> chains.resume(kernel, 5, RandomKey.of(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n = 5");
        assertThatThrownBy(() -> new TemperedChains(1, 4, new long[] {6}, DataType.DOUBLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperatures = 1");
    }
}
