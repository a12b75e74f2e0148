package org.ebm4j.sampling.langevin;

import java.util.Set;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.sampling.SamplerFactory;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.sampling.chains.KernelParameters;

/** Builds {@link SgldKernel}; {@code noise} unset means √(2ε_t). */
public final class SgldFactory implements SamplerFactory {

    static final KernelParameters PARAMETERS = new KernelParameters(
            "step-size", "0.01", "offset", "1", "decay", "0.55", "noise", "none", "clamp-min", "-Infinity",
            "clamp-max", "Infinity");

    @Override
    public SamplingKernel<?> create(EnergyFunction energy, ComponentConfig config) {
        PARAMETERS.check(config);
        return new SgldKernel(energy, config.getDouble("step-size", PARAMETERS.number("step-size")),
                config.getDouble("offset", PARAMETERS.number("offset")),
                config.getDouble("decay", PARAMETERS.number("decay")),
                config.getDouble("noise", Double.NaN),
                config.getDouble("clamp-min", Double.NEGATIVE_INFINITY),
                config.getDouble("clamp-max", Double.POSITIVE_INFINITY));
    }

    @Override
    public Set<String> parameterNames() {
        return PARAMETERS.described();
    }

    @Override
    public String description() {
        return "stochastic-gradient Langevin, eps_t = step-size*(offset+t)^-decay, noise sqrt(2 eps_t) or fixed";
    }
}
