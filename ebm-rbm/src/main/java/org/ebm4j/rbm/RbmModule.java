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
import org.ebm4j.rbm.boltzmann.BoltzmannMachine;
import org.ebm4j.rbm.boltzmann.SequentialGibbsKernel;
import org.ebm4j.rbm.gibbs.BlockGibbsKernel;
import org.ebm4j.rbm.gibbs.ParallelTemperingKernel;
import org.ebm4j.rbm.gibbs.TemperatureLadder;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.model.GaussianBernoulliRbm;
import org.ebm4j.rbm.model.RestrictedBoltzmannMachine;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Registers ebm-rbm's components by name: the energies {@code bernoulli-rbm}, {@code gaussian-bernoulli-rbm} and
 * {@code boltzmann-machine}, the samplers {@code gibbs-rbm}, {@code parallel-tempering-rbm} and
 * {@code sequential-gibbs-bm}.
 */
public final class RbmModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder<String, EnergyFactory> energies =
                MapBinder.newMapBinder(binder(), String.class, EnergyFactory.class);
        energies.addBinding(BernoulliRbm.MODEL_NAME).toInstance(new BernoulliRbmFactory());
        energies.addBinding(GaussianBernoulliRbm.MODEL_NAME).toInstance(new GaussianBernoulliRbmFactory());
        MapBinder<String, SamplerFactory> samplers =
                MapBinder.newMapBinder(binder(), String.class, SamplerFactory.class);
        samplers.addBinding(BlockGibbsKernel.NAME).toInstance(new GibbsFactory());
        samplers.addBinding(ParallelTemperingKernel.NAME).toInstance(new TemperingFactory());
        energies.addBinding(BoltzmannMachine.MODEL_NAME).toInstance(new BoltzmannMachineFactory());
        samplers.addBinding(SequentialGibbsKernel.NAME).toInstance(new SequentialGibbsFactory());
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
            return new BlockGibbsKernel(rbm(energy, config), config.getPositive("beta", 1.0));
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

    private static RestrictedBoltzmannMachine rbm(EnergyFunction energy, ComponentConfig config) {
        if (!(energy instanceof RestrictedBoltzmannMachine rbm)) {
            throw new IllegalArgumentException(config.component() + ": energy " + energy.getClass().getSimpleName()
                    + " has no RBM conditionals; expected a RestrictedBoltzmannMachine (for example the "
                    + "'bernoulli-rbm' energy)");
        }
        return rbm;
    }

    private static final class GaussianBernoulliRbmFactory implements EnergyFactory {
        @Override
        public EnergyFunction create(ComponentConfig config) {
            config.requireOnly(Set.of("visible", "hidden", "init_std", "learn_variance", "seed", "dtype"));
            return GaussianBernoulliRbm.random(config.getPositiveInt("visible", 784),
                    config.getPositiveInt("hidden", 500), config.getDouble("init_std", 0.01),
                    config.getBoolean("learn_variance", false), dataType(config),
                    RandomKey.of(config.getLong("seed", 0)));
        }

        @Override
        public String description() {
            return "Gaussian-Bernoulli RBM (Cho et al. 2011), unit or learned visible variances; energy = F(v)";
        }
    }

    private static final class TemperingFactory implements SamplerFactory {
        @Override
        public SamplingKernel<?> create(EnergyFunction energy, ComponentConfig config) {
            config.requireOnly(parameterNames());
            int temperatures = config.getPositiveInt("temperatures", 10);
            double minBeta = config.getDouble("min_beta", 0.1);
            String ladder = config.getString("ladder", "linear").toLowerCase(Locale.ROOT);
            TemperatureLadder betas = switch (ladder) {
                case "linear" -> TemperatureLadder.linear(temperatures, minBeta);
                case "geometric" -> TemperatureLadder.geometric(temperatures, minBeta);
                default -> throw new IllegalArgumentException(config.component() + ": ladder = '" + ladder
                        + "'; expected linear or geometric");
            };
            return new ParallelTemperingKernel(rbm(energy, config), betas);
        }

        @Override
        public Set<String> parameterNames() {
            return Set.of("temperatures", "min_beta", "ladder");
        }

        @Override
        public String description() {
            return "parallel tempering of an RBM: Gibbs at each of a ladder of betas, neighbour swaps"
                    + " (temperatures = 10, min_beta = 0.1, ladder = linear or geometric)";
        }
    }

    private static final class BoltzmannMachineFactory implements EnergyFactory {
        @Override
        public EnergyFunction create(ComponentConfig config) {
            config.requireOnly(Set.of("visible", "hidden", "init_std", "seed", "dtype"));
            return BoltzmannMachine.random(config.getPositiveInt("visible", 16), config.getPositiveInt("hidden", 8),
                    config.getDouble("init_std", 0.01), dataType(config), RandomKey.of(config.getLong("seed", 0)));
        }

        @Override
        public String description() {
            return "general Boltzmann machine (W, L, J, biases); energy of the joint state [v, h]";
        }
    }

    private static final class SequentialGibbsFactory implements SamplerFactory {
        @Override
        public SamplingKernel<?> create(EnergyFunction energy, ComponentConfig config) {
            config.requireOnly(parameterNames());
            if (!(energy instanceof BoltzmannMachine bm)) {
                throw new IllegalArgumentException(config.component() + ": energy "
                        + energy.getClass().getSimpleName() + " is not a BoltzmannMachine; expected the "
                        + "'boltzmann-machine' energy");
            }
            return new SequentialGibbsKernel(bm);
        }

        @Override
        public String description() {
            return "sequential single-site Gibbs sweeps over the joint state of a Boltzmann machine";
        }
    }
}
