package org.ebm4j.sampling.langevin;

import java.util.Set;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.sampling.SamplerFactory;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.sampling.chains.KernelParameters;

/** Builds {@link UlaKernel}. */
public final class UlaFactory implements SamplerFactory {

    static final KernelParameters PARAMETERS = new KernelParameters(
            "step-size", "0.01", "clamp-min", "-Infinity", "clamp-max", "Infinity");

    @Override
    public SamplingKernel<?> create(EnergyFunction energy, ComponentConfig config) {
        PARAMETERS.check(config);
        return new UlaKernel(energy, config.getDouble("step-size", PARAMETERS.number("step-size")),
                config.getDouble("clamp-min", Double.NEGATIVE_INFINITY),
                config.getDouble("clamp-max", Double.POSITIVE_INFINITY));
    }

    @Override
    public Set<String> parameterNames() {
        return PARAMETERS.described();
    }

    @Override
    public String description() {
        return "unadjusted Langevin: x <- x - eps*grad E + sqrt(2 eps)*N(0,I), optional clamp (O(eps) bias)";
    }
}
