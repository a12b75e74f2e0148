package org.ebm4j.bench.suite;

import org.ebm4j.api.registry.Described;

/**
 * Creates an {@link ExecutionEngine} by name ({@code ebm bench run --engine NAME}); engines are bound in a
 * {@code MapBinder<String, ExecutionEngineFactory>}, so a cluster engine ships as a plug-in module.
 */
public interface ExecutionEngineFactory extends Described {

    /**
     * @param executor runs single cells in this JVM
     * @param master where the engine runs its work (a cluster URL); null for the engine's default
     */
    ExecutionEngine create(CellExecutor executor, String master);
}
