package org.ebm4j.api.sampling;

import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.registry.Described;

/** Creates a {@link ChainInitializer} from its configuration; registered by name ("uniform", "gaussian", ...). */
public interface ChainInitializerFactory extends Described {

    ChainInitializer create(ComponentConfig config);
}
