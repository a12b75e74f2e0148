package org.ebm4j.sampling;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.Set;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFactory;
import org.ebm4j.api.sampling.ChainInitializer;
import org.ebm4j.api.sampling.ChainInitializerFactory;
import org.ebm4j.api.sampling.SamplerFactory;
import org.ebm4j.sampling.init.GaussianInitializer;
import org.ebm4j.sampling.init.UniformInitializer;
import org.ebm4j.sampling.analytic.BananaEnergy;
import org.ebm4j.sampling.analytic.CheckerboardEnergy;
import org.ebm4j.sampling.analytic.CorrelatedGaussianEnergy;
import org.ebm4j.sampling.analytic.GaussianEnergy;
import org.ebm4j.sampling.analytic.RingEnergy;
import org.ebm4j.sampling.analytic.RingMixtureEnergy;
import org.ebm4j.sampling.hmc.HmcFactory;
import org.ebm4j.sampling.langevin.MalaFactory;
import org.ebm4j.sampling.langevin.SeedLangevinFactory;
import org.ebm4j.sampling.langevin.SgldFactory;
import org.ebm4j.sampling.langevin.UlaFactory;
import org.nd4j.linalg.api.buffer.DataType;

/** Registers ebm-sampling's components by name. */
public final class SamplingModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder<String, ChainInitializerFactory> initializers =
                MapBinder.newMapBinder(binder(), String.class, ChainInitializerFactory.class);
        initializers.addBinding("uniform").toInstance(new UniformFactory());
        initializers.addBinding("gaussian").toInstance(new GaussianFactory());

        MapBinder<String, SamplerFactory> samplers =
                MapBinder.newMapBinder(binder(), String.class, SamplerFactory.class);
        samplers.addBinding("seed-langevin").to(SeedLangevinFactory.class);
        samplers.addBinding("ula").to(UlaFactory.class);
        samplers.addBinding("sgld").to(SgldFactory.class);
        samplers.addBinding("mala").to(MalaFactory.class);
        samplers.addBinding("hmc").to(HmcFactory.class);

        MapBinder<String, EnergyFactory> energies = MapBinder.newMapBinder(binder(), String.class, EnergyFactory.class);
        energies.addBinding("gaussian").to(GaussianEnergy.Factory.class);
        energies.addBinding("correlated-gaussian").to(CorrelatedGaussianEnergy.Factory.class);
        energies.addBinding("ring-mixture").to(RingMixtureEnergy.Factory.class);
        energies.addBinding("ring").to(RingEnergy.Factory.class);
        energies.addBinding("banana").to(BananaEnergy.Factory.class);
        energies.addBinding("checkerboard").to(CheckerboardEnergy.Factory.class);
    }

    private static DataType dataType(ComponentConfig config) {
        String name = config.getString("dtype", "float").toUpperCase(java.util.Locale.ROOT);
        return switch (name) {
            case "FLOAT", "FLOAT32" -> DataType.FLOAT;
            case "DOUBLE", "FLOAT64" -> DataType.DOUBLE;
            default -> throw new IllegalArgumentException(config.component() + ": dtype = '" + name
                    + "'; expected float or double");
        };
    }

    private static final class UniformFactory implements ChainInitializerFactory {
        @Override
        public ChainInitializer create(ComponentConfig config) {
            config.requireOnly(Set.of("low", "high", "dtype"));
            return new UniformInitializer(config.getDouble("low", -1), config.getDouble("high", 1), dataType(config));
        }

        @Override
        public String description() {
            return "independent U(low, high) in every coordinate (default U(-1, 1))";
        }
    }

    private static final class GaussianFactory implements ChainInitializerFactory {
        @Override
        public ChainInitializer create(ComponentConfig config) {
            config.requireOnly(Set.of("mean", "std", "dtype"));
            return new GaussianInitializer(config.getDouble("mean", 0), config.getDouble("std", 1), dataType(config));
        }

        @Override
        public String description() {
            return "independent N(mean, std^2) in every coordinate (default N(0, 1))";
        }
    }
}
