package org.ebm4j.api.sampling;

import java.util.Set;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.registry.Described;

/**
 * Builds a {@link SamplingKernel} for an energy; registered by name ("seed-langevin", "mala", "gibbs-rbm", ...).
 */
public interface SamplerFactory extends Described {

    /**
     * @param energy the target; a factory that needs more than {@link EnergyFunction} (a Gibbs sampler needs the
     *     model's conditionals) checks and says what it needs
     * @param config hyper-parameters; invalid values and unknown keys fail here, before any sampling
     */
    SamplingKernel<?> create(EnergyFunction energy, ComponentConfig config);

    /** @return the keys {@link #create} accepts, with their defaults as text (for help and reports). */
    default Set<String> parameterNames() {
        return Set.of();
    }
}
