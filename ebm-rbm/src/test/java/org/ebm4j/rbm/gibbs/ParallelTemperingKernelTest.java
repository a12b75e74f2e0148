package org.ebm4j.rbm.gibbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.api.sampling.SamplingResult;
import org.ebm4j.api.sampling.StepInfo;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.partition.ExactPartition;
import org.ebm4j.rbm.testing.RbmFixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ParallelTemperingKernelTest {

    @Test
    void coldReplicaReproducesExactMarginalsWithinFiveStandardErrors() {
        // strong weights make the model multimodal, where plain Gibbs mixes slowly
        BernoulliRbm rbm = RbmFixtures.randomRbm(8, 4, 2.5, 0.5, 31);
        int chains = 2000;
        ParallelTemperingKernel kernel = new ParallelTemperingKernel(rbm, 5, 0.2);
        SamplingResult<TemperedState> run = SamplingDriver.run(kernel, Nd4j.zeros(DataType.DOUBLE, chains, 8), 60,
                RandomKey.of(8));
        INDArray empirical = run.samples().mean(0);
        INDArray exact = ExactPartition.visibleMarginals(rbm);
        for (int i = 0; i < 8; i++) {
            double p = exact.getDouble(i);
            double se = Math.sqrt(p * (1 - p) / chains);
            assertThat(Math.abs(empirical.getDouble(i) - p)).as("unit %d: exact %s", i, p).isLessThan(5 * se);
        }
        double meanSwap = run.infos().stream().mapToDouble(i -> i.extras().get("swap_rate")).average().orElseThrow();
        assertThat(meanSwap).isBetween(0.05, 1.0);
        StepInfo first = run.infos().get(0);
        assertThat(first.gradientEvaluations()).isEqualTo(10);
        assertThat(run.finalState().replicas()).hasSize(5);
        // 60 steps alternate even and odd pairs: 30 proposals of 2000 chains per pair
        assertThat(run.finalState().swapAttempts()).containsExactly(60_000, 60_000, 60_000, 60_000);
        assertThat(java.util.Arrays.stream(run.finalState().swapRates()).allMatch(rate -> rate >= 0 && rate <= 1)).isTrue();
        assertThat(first.extras()).containsKeys("swap_rate_0_1", "swap_rate_2_3").doesNotContainKey("swap_rate_1_2");
    }

    @Test
    void ladderIsLinearFromOneAndInputsAreChecked() {
        BernoulliRbm rbm = RbmFixtures.randomRbm(4, 2, 1.0, 0.5, 1);
        assertThat(new ParallelTemperingKernel(rbm, 3, 0.4).betas()).containsExactly(1.0, 0.7, 0.4);
        assertThatThrownBy(() -> new ParallelTemperingKernel(rbm, 1, 0.4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperatures = 1");
        assertThatThrownBy(() -> new ParallelTemperingKernel(rbm, 3, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min_beta = 1.0");
        ParallelTemperingKernel kernel = new ParallelTemperingKernel(rbm, 3, 0.4);
        INDArray a = SamplingDriver.run(kernel, Nd4j.zeros(DataType.DOUBLE, 5, 4), 4, RandomKey.of(2)).samples();
        INDArray b = SamplingDriver.run(kernel, Nd4j.zeros(DataType.DOUBLE, 5, 4), 4, RandomKey.of(2)).samples();
        assertThat(a).isEqualTo(b);
    }
}
