package org.ebm4j.sampling.hmc;

import java.util.Set;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.sampling.SamplerFactory;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.sampling.adaptation.DualAveragingKernel;
import org.ebm4j.sampling.chains.KernelParameters;

/**
 * Builds {@link HmcKernel}; with {@code warmup > 0} it is wrapped in a {@link DualAveragingKernel} that tunes the
 * step size toward {@code target-accept} (0.65 by default, Beskos et al. 2013) during the first {@code warmup} steps.
 */
public final class HmcFactory implements SamplerFactory {

    static final KernelParameters PARAMETERS = new KernelParameters(
            "step-size", "0.1", "leapfrog-steps", "10", "path-length", "none", "jitter", "0", "warmup", "0",
            "target-accept", "0.65");

    @Override
    public SamplingKernel<?> create(EnergyFunction energy, ComponentConfig config) {
        PARAMETERS.check(config);
        HmcKernel hmc = new HmcKernel(energy, config.getDouble("step-size", PARAMETERS.number("step-size")),
                config.getPositiveInt("leapfrog-steps", 10), config.getDouble("path-length", Double.NaN),
                config.getDouble("jitter", 0));
        int warmup = config.getNonNegativeInt("warmup", 0);
        double target = config.getDouble("target-accept", PARAMETERS.number("target-accept"));
        DualAveragingKernel<?> adaptive = new DualAveragingKernel<>(hmc, warmup, target);
        return warmup == 0 ? hmc : adaptive;
    }

    @Override
    public Set<String> parameterNames() {
        return PARAMETERS.described();
    }

    @Override
    public String description() {
        return "Hamiltonian Monte Carlo, leapfrog (fixed steps or path length, optional step jitter), dual-averaging warmup";
    }
}
