package org.ebm4j.sampling.langevin;

import java.util.Map;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.sampling.Step;
import org.ebm4j.api.sampling.StepInfo;
import org.ebm4j.sampling.chains.ChainArrays;

/**
 * The reference recipe's Langevin step for image EBMs (Du &amp; Mordatch 2019 style, as in the seed script), one step
 * per call:
 *
 * <pre>
 *   x ← clamp(x + σ·ξ, lo, hi)            ξ ~ N(0, I)
 *   g ← clamp(∇ₓE(x), −c, c)              elementwise
 *   x ← clamp(x − η·g, lo, hi)
 * </pre>
 *
 * with noise σ = 0.005, step size η = 10, gradient clip c = 0.03 and box [−1, 1] by default; the recipe runs
 * {@link #DEFAULT_STEPS} steps. This is not a discretised Langevin diffusion (noise and step are decoupled and the
 * gradient is clipped); it is a fast heuristic sampler for training, not for unbiased sampling.
 *
 * <p>Each step is a fixed sequence of whole-batch ops on the state's buffers; no chain-sized array is allocated.
 *
 * @param energy the target
 * @param stepSize η, {@code > 0}
 * @param noise σ, {@code >= 0}
 * @param gradientClip c, {@code > 0} (use {@code Double.POSITIVE_INFINITY} for no clipping)
 * @param clampMin lower box bound
 * @param clampMax upper box bound, {@code > clampMin}
 */
public record SeedLangevinKernel(EnergyFunction energy, double stepSize, double noise, double gradientClip,
                                 double clampMin, double clampMax) implements SamplingKernel<LangevinState> {

    /** Number of steps per sampling round in the reference recipe. */
    public static final int DEFAULT_STEPS = 60;

    public SeedLangevinKernel {
        Checks.positive("seed-langevin: step-size", stepSize);
        Checks.nonNegative("seed-langevin: noise", noise);
        if (!(gradientClip > 0)) {
            throw new IllegalArgumentException("seed-langevin: grad-clip = " + gradientClip + "; expected a number > 0");
        }
        if (!(clampMax > clampMin) || Double.isNaN(clampMin) || Double.isNaN(clampMax)) {
            throw new IllegalArgumentException("seed-langevin: clamp-min = " + clampMin + ", clamp-max = " + clampMax
                    + "; expected clamp-min < clamp-max");
        }
    }

    @Override
    public String name() {
        return "seed-langevin";
    }

    @Override
    public LangevinState init(org.nd4j.linalg.api.ndarray.INDArray position) {
        return LangevinState.initial(energy, position);
    }

    @Override
    public Step<LangevinState> step(RandomKey key, LangevinState state) {
        var x = state.position();
        if (noise > 0) {
            x.addi(ChainArrays.fillGaussian(state.noise(), noise, key.fold("noise")));
        }
        ChainArrays.clampInPlace(x, clampMin, clampMax);
        energy.energyAndGradient(x, state.energy(), state.gradient());
        double gradientNorm = ChainArrays.meanRowNorm(state.gradient());
        double energyAtGradient = state.energy().meanNumber().doubleValue();
        ChainArrays.clampInPlace(state.gradient(), -gradientClip, gradientClip);
        ChainArrays.axpy(-stepSize, state.gradient(), x);  // x −= step·g in one BLAS pass
        ChainArrays.clampInPlace(x, clampMin, clampMax);
        LangevinState next = state.next(x);
        // The energy is evaluated after the noise, before the gradient step: reported as an extra, not as the
        // end-of-step energy, which would cost a second evaluation.
        return new Step<>(next, new StepInfo(next.step(), stepSize, Double.NaN, gradientNorm, Double.NaN, 1,
                Map.of("energy_at_gradient", energyAtGradient)));
    }
}
