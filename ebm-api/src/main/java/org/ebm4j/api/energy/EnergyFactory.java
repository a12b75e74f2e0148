package org.ebm4j.api.energy;

import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.registry.Described;

/** Creates an energy function from its configuration; registered by name (for example "gaussian-mixture-ring"). */
public interface EnergyFactory extends Described {

    /**
     * @param config the energy's parameters (dimension, widths, seeds for initial weights); unknown keys fail
     * @throws IllegalArgumentException for invalid or unknown parameters
     */
    EnergyFunction create(ComponentConfig config);
}
