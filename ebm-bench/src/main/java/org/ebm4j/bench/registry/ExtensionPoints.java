package org.ebm4j.bench.registry;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.List;
import org.ebm4j.api.data.DatasetFactory;
import org.ebm4j.api.energy.EnergyFactory;
import org.ebm4j.api.sampling.ChainInitializerFactory;
import org.ebm4j.api.sampling.SamplerFactory;
import org.ebm4j.api.training.ObjectiveFactory;
import org.ebm4j.api.training.OptimizerFactory;
import org.ebm4j.api.training.ReplayBufferFactory;
import org.ebm4j.bench.suite.CellRunner;

/**
 * Declares one {@code MapBinder<String, T>} per extension point, so that every kind exists in the injector even
 * before any module adds to it. Component modules add bindings with
 * {@code MapBinder.newMapBinder(binder(), String.class, SamplerFactory.class).addBinding("name").to(...)}.
 */
public final class ExtensionPoints extends AbstractModule {

    /**
     * One extension point.
     *
     * @param kind plural name used in listings and messages ("samplers")
     * @param type the factory type bound by name
     */
    public record Kind(String kind, Class<?> type) {
    }

    /** Every extension point, in the order {@code ebm info} lists them. */
    public static final List<Kind> KINDS = List.of(
            new Kind("energies", EnergyFactory.class),
            new Kind("samplers", SamplerFactory.class),
            new Kind("chain initializers", ChainInitializerFactory.class),
            new Kind("replay buffers", ReplayBufferFactory.class),
            new Kind("objectives", ObjectiveFactory.class),
            new Kind("optimizers", OptimizerFactory.class),
            new Kind("datasets", DatasetFactory.class),
            new Kind("benchmark cells", CellRunner.class),
            new Kind("peer comparisons", org.ebm4j.bench.peers.PeerComparison.class),
            new Kind("execution engines", org.ebm4j.bench.suite.ExecutionEngineFactory.class));

    @Override
    protected void configure() {
        for (Kind kind : KINDS) {
            MapBinder.newMapBinder(binder(), String.class, kind.type());
        }
    }
}
