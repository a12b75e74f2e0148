package org.ebm4j.bench.registry;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.util.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.ebm4j.api.data.DatasetFactory;
import org.ebm4j.api.energy.EnergyFactory;
import org.ebm4j.api.registry.NamedComponents;
import org.ebm4j.api.sampling.ChainInitializerFactory;
import org.ebm4j.api.sampling.SamplerFactory;
import org.ebm4j.api.training.ObjectiveFactory;
import org.ebm4j.api.training.OptimizerFactory;
import org.ebm4j.api.training.ReplayBufferFactory;

/**
 * Every registered component, by kind and name. The injector is built from {@link ExtensionPoints} and every Guice
 * {@link Module} listed in a {@code META-INF/services/com.google.inject.Module} file on the class path, so a jar that
 * adds a sampler (one class and one binding line) is picked up without touching ebm4j's code.
 */
public final class ComponentRegistry {

    private final Injector injector;
    private final List<String> moduleNames;

    private ComponentRegistry(Injector injector, List<String> moduleNames) {
        this.injector = injector;
        this.moduleNames = List.copyOf(moduleNames);
    }

    /** Builds the registry from the modules found on the class path, plus {@code extra}. */
    public static ComponentRegistry discover(Module... extra) {
        List<Module> modules = new ArrayList<>();
        modules.add(new ExtensionPoints());
        for (Module m : ServiceLoader.load(Module.class)) {
            modules.add(m);
        }
        modules.addAll(List.of(extra));
        List<String> names = new ArrayList<>();
        for (Module m : modules) {
            names.add(m.getClass().getName());
        }
        return new ComponentRegistry(Guice.createInjector(Stage.PRODUCTION, modules), names);
    }

    /** @return the components of extension point {@code type}, by name. */
    @SuppressWarnings("unchecked")
    public <T> NamedComponents<T> components(Class<T> type) {
        for (ExtensionPoints.Kind kind : ExtensionPoints.KINDS) {
            if (kind.type().equals(type)) {
                Key<Map<String, T>> key = (Key<Map<String, T>>) Key.get(Types.mapOf(String.class, type));
                return new NamedComponents<>(kind.kind(), injector.getInstance(key));
            }
        }
        throw new IllegalArgumentException("no extension point of type " + type.getName() + "; known: "
                + ExtensionPoints.KINDS.stream().map(k -> k.type().getSimpleName()).toList());
    }

    /** @return every extension point's components, in {@link ExtensionPoints#KINDS} order. */
    public Map<String, NamedComponents<?>> all() {
        Map<String, NamedComponents<?>> all = new LinkedHashMap<>();
        for (ExtensionPoints.Kind kind : ExtensionPoints.KINDS) {
            all.put(kind.kind(), components(kind.type()));
        }
        return all;
    }

    public NamedComponents<EnergyFactory> energies() {
        return components(EnergyFactory.class);
    }

    public NamedComponents<SamplerFactory> samplers() {
        return components(SamplerFactory.class);
    }

    public NamedComponents<ChainInitializerFactory> chainInitializers() {
        return components(ChainInitializerFactory.class);
    }

    public NamedComponents<ReplayBufferFactory> replayBuffers() {
        return components(ReplayBufferFactory.class);
    }

    public NamedComponents<ObjectiveFactory> objectives() {
        return components(ObjectiveFactory.class);
    }

    public NamedComponents<OptimizerFactory> optimizers() {
        return components(OptimizerFactory.class);
    }

    public NamedComponents<DatasetFactory> datasets() {
        return components(DatasetFactory.class);
    }

    /** @return the Guice modules the registry was built from, by class name. */
    public List<String> moduleNames() {
        return moduleNames;
    }

    public Injector injector() {
        return injector;
    }
}
