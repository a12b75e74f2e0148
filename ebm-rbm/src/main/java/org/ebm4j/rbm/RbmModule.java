package org.ebm4j.rbm;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.Locale;
import java.util.Set;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFactory;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerFactory;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.rbm.gibbs.BlockGibbsKernel;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.model.RestrictedBoltzmannMachine;
import org.nd4j.linalg.api.buffer.DataType;

/** Registers ebm-rbm's components by name: the {@code bernoulli-rbm} energy and the {@code gibbs-rbm} sampler. */
public final class RbmModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, EnergyFactory.class)
                .addBinding(BernoulliRbm.MODEL_NAME).toInstance(new BernoulliRbmFactory());
        MapBinder.newMapBinder(binder(), String.class, SamplerFactory.class)
                .addBinding(BlockGibbsKernel.NAME).toInstance(new GibbsFactory());
    }

    /** @return FLOAT or DOUBLE from the {@code dtype} key (default float). */
    public static DataType dataType(ComponentConfig config) {
        String name = config.getString("dtype", "float").toLowerCase(Locale.ROOT);
        return switch (name) {
            case "float", "float32" -> DataType.FLOAT;
            case "double", "float64" -> DataType.DOUBLE;
            default -> throw new IllegalArgumentException(config.component() + ": dtype = '" + name
                    + "'; expected float or double");
        };
    }

    private static final class BernoulliRbmFactory implements EnergyFactory {
        @Override
        public EnergyFunction create(ComponentConfig config) {
            config.requireOnly(Set.of("visible", "hidden", "init_std", "seed", "dtype"));
            return BernoulliRbm.random(config.getPositiveInt("visible", 784), config.getPositiveInt("hidden", 500),
                    config.getDouble("init_std", 0.01), dataType(config), RandomKey.of(config.getLong("seed", 0)));
        }

        @Override
        public String description() {
            return "Bernoulli-Bernoulli RBM; energy = free energy F(v) (visible=784, hidden=500, init_std=0.01)";
        }
    }

    private static final class GibbsFactory implements SamplerFactory {
        @Override
        public SamplingKernel<?> create(EnergyFunction energy, ComponentConfig config) {
            config.requireOnly(parameterNames());
            if (!(energy instanceof RestrictedBoltzmannMachine rbm)) {
                throw new IllegalArgumentException(config.component() + ": energy "
                        + energy.getClass().getSimpleName() + " has no RBM conditionals; expected a "
                        + "RestrictedBoltzmannMachine (for example the 'bernoulli-rbm' energy)");
            }
            return new BlockGibbsKernel(rbm, config.getPositive("beta", 1.0));
        }

        @Override
        public Set<String> parameterNames() {
            return Set.of("beta");
        }

        @Override
        public String description() {
            return "block Gibbs sampling of an RBM: h ~ p(h|v), v ~ p(v|h), batched over chains (beta = 1)";
        }
    }
}
