package org.ebm4j.sampling.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerFactory;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.sampling.SamplingResult;
import org.ebm4j.api.sampling.StepInfo;
import org.ebm4j.sampling.analytic.GaussianEnergy;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The contract every registered sampler must meet, run over whatever {@link #samplers()} returns (a Guice registry):
 * a new sampler is tested by adding its binding. Published in ebm-sampling's test-jar; subclass it and return the
 * samplers of your registry.
 *
 * <p>Default target: N(0, 0.3² I₂) in double precision, {@value #CHAINS} chains all started at (0.9, 0.9), where
 * the energy is 9 (its mean under the target is 1), run {@value #STEPS} steps with the factory's defaults. Samplers
 * that need another kind of energy (Gibbs samplers of binary models) get their own target and bad start through
 * {@link #targetFor}; a factory that cannot build a kernel for its target must say so with an
 * {@link IllegalArgumentException}, and its tests are then skipped.
 */
public abstract class SamplerContract {

    static final int CHAINS = 200;
    static final int STEPS = 100;
    static final double START = 0.9;

    /** @return the samplers under test, by registered name. */
    protected abstract Map<String, SamplerFactory> samplers();

    /** @return the default target (override to test in another setting). */
    protected EnergyFunction target() {
        return new GaussianEnergy(2, 0, 0.3);
    }

    /**
     * A target and a start far from its high-density region, with a mean energy above 0 there.
     *
     * @param energy the target
     * @param badStart [{@value #CHAINS}, d] start positions in double precision
     */
    public record Target(EnergyFunction energy, INDArray badStart) {
    }

    /** @return the target for sampler {@code name}: by default {@link #target()} started at 0.9 in every coordinate. */
    protected Target targetFor(String name) {
        return new Target(target(), Nd4j.valueArrayOf(new long[] {CHAINS, 2}, START, DataType.DOUBLE));
    }

    @TestFactory
    Stream<DynamicTest> everySamplerMeetsTheContract() {
        List<DynamicTest> tests = new ArrayList<>();
        samplers().forEach((name, factory) -> {
            tests.add(test(name, "keeps shapes and counts steps", factory, this::keepsShapes));
            tests.add(test(name, "same seed gives the same result", factory, this::reproducible));
            tests.add(test(name, "stays finite", factory, this::finite));
            tests.add(test(name, "lowers the mean energy from a bad start", factory, this::lowersEnergy));
            tests.add(test(name, "reports sane step infos", factory, this::saneInfos));
            tests.add(test(name, "rejects NaN and wrong-shaped initial states", factory, this::rejectsBadInput));
            tests.add(DynamicTest.dynamicTest(name + ": rejects unknown parameters",
                    () -> rejectsUnknownKey(name, factory)));
        });
        return tests.stream();
    }

    private DynamicTest test(String name, String property, SamplerFactory factory,
                             BiConsumer<Target, SamplingKernel<SamplerState>> check) {
        return DynamicTest.dynamicTest(name + ": " + property, () -> check.accept(targetFor(name),
                kernel(name, factory)));
    }

    @SuppressWarnings("unchecked")
    private SamplingKernel<SamplerState> kernel(String name, SamplerFactory factory) {
        try {
            return (SamplingKernel<SamplerState>) factory.create(targetFor(name).energy(),
                    ComponentConfig.empty("sampler '" + name + "'"));
        } catch (IllegalArgumentException e) {
            throw new TestAbortedException(name + " does not apply to a plain energy function: " + e.getMessage());
        }
    }

    private SamplingResult<SamplerState> run(Target target, SamplingKernel<SamplerState> kernel, long seed) {
        return SamplingDriver.run(kernel, target.badStart().dup(), STEPS, RandomKey.of(seed));
    }

    private void keepsShapes(Target target, SamplingKernel<SamplerState> kernel) {
        SamplingResult<SamplerState> r = run(target, kernel, 1);
        assertThat(r.samples().shape()).containsExactly(target.badStart().shape());
        assertThat(r.samples().dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(r.finalState().step()).isEqualTo(STEPS);
        assertThat(r.infos()).hasSize(STEPS);
        assertThat(kernel.energy()).isNotNull();
        assertThat(kernel.name()).isNotBlank();
    }

    private void reproducible(Target target, SamplingKernel<SamplerState> kernel) {
        INDArray a = run(target, kernel, 5).samples().dup();
        INDArray b = run(target, kernel, 5).samples().dup();
        assertThat(a).isEqualTo(b);
    }

    private void finite(Target target, SamplingKernel<SamplerState> kernel) {
        INDArray x = run(target, kernel, 2).samples();
        assertThat(x.isNaN().any() || x.isInfinite().any()).as("NaN or Inf in final positions").isFalse();
    }

    private void lowersEnergy(Target target, SamplingKernel<SamplerState> kernel) {
        double before = kernel.energy().energy(target.badStart()).meanNumber().doubleValue();
        assertThat(before).as("contract target: mean energy at the bad start").isPositive();
        double after = kernel.energy().energy(run(target, kernel, 3).samples()).meanNumber().doubleValue();
        assertThat(after).as("mean energy after %d steps (before: %s)", STEPS, before).isLessThan(0.5 * before);
    }

    private void saneInfos(Target target, SamplingKernel<SamplerState> kernel) {
        List<StepInfo> infos = run(target, kernel, 4).infos();
        for (int t = 0; t < infos.size(); t++) {
            StepInfo info = infos.get(t);
            assertThat(info.step()).isEqualTo(t + 1);
            assertThat(info.gradientEvaluations()).isNotNegative();
            if (!Double.isNaN(info.acceptanceRate())) {
                assertThat(info.acceptanceRate()).isBetween(0.0, 1.0);
            }
        }
    }

    private void rejectsBadInput(Target target, SamplingKernel<SamplerState> kernel) {
        INDArray nan = target.badStart().dup();
        nan.putScalar(3, 1, Double.NaN);
        assertThatThrownBy(() -> kernel.init(nan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position").hasMessageContaining("NaN");
        long wrong = target.badStart().size(1) + 1;
        assertThatThrownBy(() -> kernel.init(Nd4j.zeros(DataType.DOUBLE, CHAINS, wrong)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[200, " + wrong + "]");
    }

    private void rejectsUnknownKey(String name, SamplerFactory factory) {
        kernel(name, factory);
        assertThatThrownBy(() -> factory.create(targetFor(name).energy(), ComponentConfig.of("sampler '" + name + "'",
                Map.of("no-such-key", 1)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-key");
    }
}
