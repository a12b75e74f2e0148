package org.ebm4j.sampling.langevin;

import java.util.Set;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.sampling.SamplerFactory;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.sampling.chains.KernelParameters;

/** Builds {@link SeedLangevinKernel}: the reference recipe's clipped Langevin step (60 steps per round by default). */
public final class SeedLangevinFactory implements SamplerFactory {

    static final KernelParameters PARAMETERS = new KernelParameters(
            "step-size", "10", "noise", "0.005", "grad-clip", "0.03", "clamp-min", "-1", "clamp-max", "1");

    @Override
    public SamplingKernel<?> create(EnergyFunction energy, ComponentConfig config) {
        PARAMETERS.check(config);
        return new SeedLangevinKernel(energy,
                config.getDouble("step-size", PARAMETERS.number("step-size")),
                config.getDouble("noise", PARAMETERS.number("noise")),
                config.getDouble("grad-clip", PARAMETERS.number("grad-clip")),
                config.getDouble("clamp-min", PARAMETERS.number("clamp-min")),
                config.getDouble("clamp-max", PARAMETERS.number("clamp-max")));
    }

    @Override
    public Set<String> parameterNames() {
        return PARAMETERS.described();
    }

    @Override
    public String description() {
        return "reference recipe: x+=N(0,noise^2), clamp, x-=step-size*clip(grad E), clamp; "
                + SeedLangevinKernel.DEFAULT_STEPS + " steps per round";
    }
}
