package org.ebm4j.sampling.langevin;

import java.util.Set;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.sampling.SamplerFactory;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.sampling.adaptation.DualAveragingKernel;
import org.ebm4j.sampling.chains.KernelParameters;

/**
 * Builds {@link MalaKernel}; with {@code warmup > 0} it is wrapped in a {@link DualAveragingKernel} that tunes the
 * step size toward {@code target-accept} during the first {@code warmup} steps.
 */
public final class MalaFactory implements SamplerFactory {

    static final KernelParameters PARAMETERS = new KernelParameters(
            "step-size", "0.01", "warmup", "0", "target-accept", "0.574");

    @Override
    public SamplingKernel<?> create(EnergyFunction energy, ComponentConfig config) {
        PARAMETERS.check(config);
        MalaKernel mala = new MalaKernel(energy, config.getDouble("step-size", PARAMETERS.number("step-size")));
        int warmup = config.getNonNegativeInt("warmup", 0);
        double target = config.getDouble("target-accept", PARAMETERS.number("target-accept"));
        DualAveragingKernel<?> adaptive = new DualAveragingKernel<>(mala, warmup, target);
        return warmup == 0 ? mala : adaptive;
    }

    @Override
    public Set<String> parameterNames() {
        return PARAMETERS.described();
    }

    @Override
    public String description() {
        return "Metropolis-adjusted Langevin, per-chain accept; dual-averaging step size during warmup steps";
    }
}
