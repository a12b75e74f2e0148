package org.ebm4j.sampling.langevin;

import java.util.Map;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.sampling.Step;
import org.ebm4j.api.sampling.StepInfo;
import org.ebm4j.sampling.chains.ChainArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The unadjusted Langevin algorithm (Roberts &amp; Tweedie 1996): {@code x ← x − ε∇E(x) + √(2ε)ξ}, ξ ~ N(0, I), the
 * Euler–Maruyama discretisation of dx = −∇E dt + √2 dW, optionally clamped to a box. Its stationary law differs from
 * p ∝ exp(−E) by O(ε); use {@link MalaKernel} for an exact target.
 *
 * @param energy the target
 * @param stepSize ε, {@code > 0}
 * @param clampMin lower box bound ({@code -Infinity} for none)
 * @param clampMax upper box bound ({@code +Infinity} for none)
 */
public record UlaKernel(EnergyFunction energy, double stepSize, double clampMin, double clampMax)
        implements SamplingKernel<LangevinState> {

    public UlaKernel {
        Checks.positive("ula: step-size", stepSize);
        checkBox("ula", clampMin, clampMax);
    }

    static void checkBox(String kernel, double clampMin, double clampMax) {
        if (!(clampMax > clampMin)) {
            throw new IllegalArgumentException(kernel + ": clamp-min = " + clampMin + ", clamp-max = " + clampMax
                    + "; expected clamp-min < clamp-max");
        }
    }

    @Override
    public String name() {
        return "ula";
    }

    @Override
    public LangevinState init(INDArray position) {
        return LangevinState.initial(energy, position);
    }

    @Override
    public Step<LangevinState> step(RandomKey key, LangevinState state) {
        return langevinStep(energy, key, state, stepSize, Math.sqrt(2 * stepSize), clampMin, clampMax);
    }

    /** {@code x ← clamp(x − ε∇E(x) + σξ)}: shared by ULA and SGLD. */
    static Step<LangevinState> langevinStep(EnergyFunction energy, RandomKey key, LangevinState state,
                                            double stepSize, double noiseStd, double clampMin, double clampMax) {
        INDArray x = state.position();
        energy.energyAndGradient(x, state.energy(), state.gradient());
        double gradientNorm = ChainArrays.meanRowNorm(state.gradient());
        double energyBefore = state.energy().meanNumber().doubleValue();
        x.subi(state.gradient().muli(stepSize));
        if (noiseStd > 0) {
            x.addi(ChainArrays.fillGaussian(state.noise(), noiseStd, key.fold("noise")));
        }
        ChainArrays.clampInPlace(x, clampMin, clampMax);
        LangevinState next = state.next(x);
        return new Step<>(next, new StepInfo(next.step(), stepSize, Double.NaN, gradientNorm, Double.NaN, 1,
                Map.of("energy_at_gradient", energyBefore, "noise_std", noiseStd)));
    }
}
