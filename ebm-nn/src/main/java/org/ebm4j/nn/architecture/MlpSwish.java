package org.ebm4j.nn.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.nn.samediff.SameDiffEnergy;
import org.ebm4j.nn.samediff.SameDiffEnergyBuilder;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A multilayer perceptron energy on vectors: Dense(d→h₁) Swish → … → Dense(h_{k−1}→h_k) Swish → Dense(h_k→1), whose
 * output is E(x). Initialised like PyTorch's {@code nn.Linear} (U(−1/√fanIn, 1/√fanIn)).
 */
public final class MlpSwish {

    /** Registry name. */
    public static final String NAME = "mlp-swish";
    static final Set<String> KEYS = Set.of("dim", "hidden", "seed", "dtype");

    /**
     * @param dimension input dimension d
     * @param hidden hidden layer widths, at least one
     * @param seed seed of the initial parameters
     * @param dataType FLOAT or DOUBLE
     */
    public record Config(int dimension, List<Integer> hidden, long seed, DataType dataType) {
        public Config {
            Checks.positive("dim", dimension);
            if (hidden.isEmpty()) {
                throw new IllegalArgumentException("hidden = []; expected one or more widths, e.g. 128,128");
            }
            hidden = List.copyOf(hidden);
            for (int h : hidden) {
                Checks.positive("hidden width", h);
            }
        }

        /** The number of parameters: Σ (fanIn·fanOut + fanOut) over the dense layers. */
        public long parameterCount() {
            long count = 0;
            long in = dimension;
            for (int h : hidden) {
                count += in * h + h;
                in = h;
            }
            return count + in + 1;
        }
    }

    private MlpSwish() {
    }

    /** Builds the energy. */
    public static SameDiffEnergy create(Config config) {
        SameDiffEnergyBuilder b = SameDiffEnergyBuilder.forInput(config.dimension())
                .name(NAME).seed(RandomKey.of(config.seed())).dataType(config.dataType())
                .config("dim", config.dimension())
                .config("hidden", config.hidden().stream().map(String::valueOf).collect(Collectors.joining(",")))
                .config("seed", config.seed())
                .config("dtype", config.dataType() == DataType.DOUBLE ? "double" : "float");
        for (int h : config.hidden()) {
            b.dense(h).swish();
        }
        return b.dense(1).build();
    }

    /** Reads {@code dim} (2), {@code hidden} (comma-separated, "128,128"), {@code seed} (0), {@code dtype} (float). */
    public static Config config(ComponentConfig config) {
        config.requireOnly(KEYS);
        String text = config.getString("hidden", "128,128");
        List<Integer> hidden = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                hidden.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(config.component() + ": hidden = '" + text
                        + "'; expected comma-separated integers >= 1, e.g. 128,128", e);
            }
        }
        return new Config(config.getPositiveInt("dim", 2), hidden, config.getLong("seed", 0),
                DataTypes.parse(config));
    }
}
