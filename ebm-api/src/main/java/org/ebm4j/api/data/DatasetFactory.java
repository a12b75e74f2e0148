package org.ebm4j.api.data;

import java.io.IOException;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.registry.Described;

/** Opens a {@link Dataset}; registered by name ("mnist", "png-folder", ...). */
public interface DatasetFactory extends Described {

    /**
     * @param config location, split, limits, label filter, ...
     * @throws IOException if files are missing or corrupt (the message says which and how to get them)
     */
    Dataset open(ComponentConfig config) throws IOException;
}
