package org.ebm4j.nn;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFactory;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.energy.ParametricEnergy;
import org.ebm4j.nn.architecture.ConvSwish;
import org.ebm4j.nn.architecture.MlpSwish;
import org.ebm4j.nn.direct.DirectGradientEnergy;
import org.ebm4j.nn.samediff.SameDiffEnergy;

/**
 * Registers ebm-nn's energies by name: {@code conv-swish} and {@code mlp-swish}. Both take
 * {@code input_gradient=direct} (default: E and ∇ₓE by {@link DirectGradientEnergy}, about twice as fast) or
 * {@code input_gradient=samediff} (the SameDiff graph for everything). With the direct path,
 * {@code convolutions=auto} (default: oneDNN primitives for FLOAT conv nets when oneDNN loads, else libnd4j's ops),
 * {@code onednn} or {@code nd4j} chooses who runs the convolutions.
 */
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

    /** Key choosing how E and ∇ₓE are computed. */
    public static final String INPUT_GRADIENT = "input_gradient";

    /** Key choosing who runs the direct path's convolutions. */
    public static final String CONVOLUTIONS = "convolutions";

    private static ParametricEnergy withInputGradient(ComponentConfig config,
                                                      Function<ComponentConfig, SameDiffEnergy> build) {
        String path = config.getString(INPUT_GRADIENT, "direct");
        if (!path.equals("direct") && !path.equals("samediff")) {
            throw new IllegalArgumentException(config.component() + ": " + INPUT_GRADIENT + " = '" + path
                    + "'; expected direct or samediff");
        }
        String convolutions = config.getString(CONVOLUTIONS, "auto");
        if (!convolutions.equals("auto") && !convolutions.equals("onednn") && !convolutions.equals("nd4j")) {
            throw new IllegalArgumentException(config.component() + ": " + CONVOLUTIONS + " = '" + convolutions
                    + "'; expected auto, onednn or nd4j");
        }
        Map<String, String> rest = new LinkedHashMap<>(config.values());
        rest.remove(INPUT_GRADIENT);
        rest.remove(CONVOLUTIONS);
        SameDiffEnergy energy = build.apply(ComponentConfig.of(config.component(), rest));
        if (path.equals("samediff")) {
            return energy;
        }
        return new DirectGradientEnergy(energy, switch (convolutions) {
            case "onednn" -> DirectGradientEnergy.Convolutions.ONEDNN;
            case "nd4j" -> DirectGradientEnergy.Convolutions.ND4J;
            default -> DirectGradientEnergy.fastestConvolutions(energy);
        });
    }

    private static final class ConvSwishFactory implements EnergyFactory {
        @Override
        public EnergyFunction create(ComponentConfig config) {
            return withInputGradient(config, c -> ConvSwish.create(ConvSwish.config(c)));
        }

        @Override
        public String description() {
            return "conv net with Swish of the Du & Mordatch / UvA recipe (hidden=32, channels=1, height=28,"
                    + " width=28, seed, dtype, input_gradient=direct|samediff, convolutions=auto|onednn|nd4j)";
        }
    }

    private static final class MlpSwishFactory implements EnergyFactory {
        @Override
        public EnergyFunction create(ComponentConfig config) {
            return withInputGradient(config, c -> MlpSwish.create(MlpSwish.config(c)));
        }

        @Override
        public String description() {
            return "MLP with Swish on vectors (dim=2, hidden=128,128, seed, dtype, input_gradient=direct|samediff)";
        }
    }
}
