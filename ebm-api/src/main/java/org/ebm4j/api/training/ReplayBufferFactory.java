package org.ebm4j.api.training;

import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.registry.Described;

/** Creates a {@link ReplayBuffer}; registered by name ("seed-buffer", "reservoir", "none", "persistent"). */
public interface ReplayBufferFactory extends Described {

    /**
     * @param sampleShape shape of one state
     * @param config capacity, fresh fraction, noise range, ...
     */
    ReplayBuffer create(long[] sampleShape, ComponentConfig config);
}
