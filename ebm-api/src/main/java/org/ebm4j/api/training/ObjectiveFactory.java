package org.ebm4j.api.training;

import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.registry.Described;

/** Creates an {@link Objective}; registered by name ("contrastive-divergence", ...). */
public interface ObjectiveFactory extends Described {

    Objective create(ComponentConfig config);
}
