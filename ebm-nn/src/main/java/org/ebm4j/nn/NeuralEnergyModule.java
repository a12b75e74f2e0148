package org.ebm4j.nn;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFactory;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.nn.architecture.ConvSwish;
import org.ebm4j.nn.architecture.MlpSwish;

/** Registers ebm-nn's energies by name: {@code conv-swish} and {@code mlp-swish}. */
public final class NeuralEnergyModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder<String, EnergyFactory> energies = MapBinder.newMapBinder(binder(), String.class, EnergyFactory.class);
        factories().forEach((name, factory) -> energies.addBinding(name).toInstance(factory));
    }

    /** @return this module's energy factories by name (what it binds), for use without an injector. */
    public static Map<String, EnergyFactory> factories() {
        Map<String, EnergyFactory> f = new LinkedHashMap<>();
        f.put(ConvSwish.NAME, new ConvSwishFactory());
        f.put(MlpSwish.NAME, new MlpSwishFactory());
        return f;
    }

    private static final class ConvSwishFactory implements EnergyFactory {
        @Override
        public EnergyFunction create(ComponentConfig config) {
            return ConvSwish.create(ConvSwish.config(config));
        }

        @Override
        public String description() {
            return "conv net with Swish of the Du & Mordatch / UvA recipe (hidden=32, channels=1, height=28,"
                    + " width=28, seed, dtype)";
        }
    }

    private static final class MlpSwishFactory implements EnergyFactory {
        @Override
        public EnergyFunction create(ComponentConfig config) {
            return MlpSwish.create(MlpSwish.config(config));
        }

        @Override
        public String description() {
            return "MLP with Swish on vectors (dim=2, hidden=128,128, seed, dtype)";
        }
    }
}
