package org.ebm4j.sampling.adaptation;

import java.util.HashMap;
import java.util.Map;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.sampling.Step;
import org.ebm4j.api.sampling.StepInfo;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Wraps a {@link StepSizeKernel} and tunes its step size by dual averaging ({@link DualAveraging}) toward a target
 * mean acceptance probability during the first {@code warmupSteps} steps; afterwards it runs the wrapped kernel with
 * the averaged step size ε̄ fixed, so the chain after warm-up is a valid (time-homogeneous) Markov chain. All chains
 * share one step size: the statistic α_t is the acceptance probability averaged over chains.
 *
 * @param inner the kernel to tune
 * @param warmupSteps number of adapting steps, {@code >= 0}
 * @param targetAcceptance δ in (0, 1): 0.574 is optimal for MALA (Roberts &amp; Rosenthal 1998), 0.65–0.8 for HMC
 * @param <S> the wrapped state type
 */
public record DualAveragingKernel<S extends SamplerState>(StepSizeKernel<S> inner, int warmupSteps,
                                                          double targetAcceptance)
        implements SamplingKernel<AdaptiveState<S>> {

    public DualAveragingKernel {
        Checks.nonNegative(inner.name() + ": warmup", warmupSteps);
        if (!(targetAcceptance > 0 && targetAcceptance < 1)) {
            throw new IllegalArgumentException(inner.name() + ": target-accept = " + targetAcceptance
                    + "; expected a number in (0, 1)");
        }
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public EnergyFunction energy() {
        return inner.energy();
    }

    @Override
    public AdaptiveState<S> init(INDArray position) {
        return new AdaptiveState<>(inner.init(position), DualAveraging.start(inner.stepSize()));
    }

    /** @return the step size the next step from {@code state} will use. */
    public double stepSizeFor(AdaptiveState<S> state) {
        DualAveraging da = state.adaptation();
        if (state.step() < warmupSteps) {
            return da.stepSize();
        }
        return da.iteration() == 0 ? inner.stepSize() : da.averagedStepSize();
    }

    @Override
    public Step<AdaptiveState<S>> step(RandomKey key, AdaptiveState<S> state) {
        boolean warmingUp = state.step() < warmupSteps;
        Step<S> step = inner.step(key, state.inner(), stepSizeFor(state));
        DualAveraging da = warmingUp
                ? state.adaptation().update(step.info().acceptanceRate(), targetAcceptance)
                : state.adaptation();
        StepInfo info = step.info();
        Map<String, Double> extras = new HashMap<>(info.extras());
        extras.put("warmup", warmingUp ? 1.0 : 0.0);
        StepInfo reported = new StepInfo(info.step(), info.stepSize(), info.acceptanceRate(), info.gradientNorm(),
                info.meanEnergy(), info.gradientEvaluations(), extras);
        return new Step<>(new AdaptiveState<>(step.state(), da), reported);
    }
}
