package org.ebm4j.sampling.langevin;

import org.ebm4j.api.config.Checks;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.sampling.Step;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic-gradient Langevin dynamics (Welling &amp; Teh 2011) in the energy convention of {@link UlaKernel}:
 * {@code x ← x − ε_t ∇Ê(x) + σ_t ξ} with the decreasing schedule {@code ε_t = a (b + t)^(−γ)}, t = 0, 1, ...
 * counting steps since init, and {@code σ_t = √(2ε_t)} unless a fixed noise scale is configured (the "decoupled"
 * variant that EBM training uses). ∇Ê may be a stochastic (mini-batch) estimate: the kernel evaluates the energy
 * exactly once per step and never compares energies, so a noisy energy is valid input. Welling &amp; Teh require
 * 0.5 &lt; γ ≤ 1 for convergence; any γ ≥ 0 is accepted (γ = 0 is ULA).
 *
 * @param energy the target, possibly stochastic
 * @param a schedule scale, {@code > 0}
 * @param b schedule offset, {@code > 0}
 * @param gamma schedule decay, {@code >= 0}
 * @param noise fixed noise standard deviation, or NaN for √(2ε_t)
 * @param clampMin lower box bound ({@code -Infinity} for none)
 * @param clampMax upper box bound ({@code +Infinity} for none)
 */
public record SgldKernel(EnergyFunction energy, double a, double b, double gamma, double noise, double clampMin,
                         double clampMax) implements SamplingKernel<LangevinState> {

    public SgldKernel {
        Checks.positive("sgld: step-size", a);
        Checks.positive("sgld: offset", b);
        Checks.nonNegative("sgld: decay", gamma);
        if (!Double.isNaN(noise)) {
            Checks.nonNegative("sgld: noise", noise);
        }
        UlaKernel.checkBox("sgld", clampMin, clampMax);
    }

    @Override
    public String name() {
        return "sgld";
    }

    /** @return ε_t = a (b + t)^(−γ) for the step taken from a state that has made {@code t} steps. */
    public double stepSizeAt(long t) {
        return a * Math.pow(b + t, -gamma);
    }

    @Override
    public LangevinState init(INDArray position) {
        return LangevinState.initial(energy, position);
    }

    @Override
    public Step<LangevinState> step(RandomKey key, LangevinState state) {
        double epsilon = stepSizeAt(state.step());
        double noiseStd = Double.isNaN(noise) ? Math.sqrt(2 * epsilon) : noise;
        return UlaKernel.langevinStep(energy, key, state, epsilon, noiseStd, clampMin, clampMax);
    }
}
