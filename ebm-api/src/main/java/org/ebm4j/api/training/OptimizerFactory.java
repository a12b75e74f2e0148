package org.ebm4j.api.training;

import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.registry.Described;

/** Creates an {@link Optimizer}; registered by name ("adam", "sgd"). */
public interface OptimizerFactory extends Described {

    Optimizer create(ComponentConfig config);
}
