package org.ebm4j.nn.architecture;

import java.util.Set;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.nn.samediff.SameDiffEnergy;
import org.ebm4j.nn.samediff.SameDiffEnergyBuilder;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The convolutional image energy of the Du &amp; Mordatch (2019) / UvA deep-learning tutorial 8 recipe, layer for
 * layer as in the PyTorch reference ({@code baselines/torch_conv_ebm.py}), with width c ({@code hidden}):
 *
 * <pre>
 * Conv(C→c/2, k5, s2, p4) Swish → Conv(c/2→c, k3, s2, p1) Swish → Conv(c→2c, k3, s2, p1) Swish
 *   → Conv(2c→2c, k3, s2, p1) Swish → Flatten → Dense(2c·h₄·w₄ → 2c) Swish → Dense(2c → 1)
 * </pre>
 *
 * <p>For 1×28×28 the spatial sizes are 28→16→8→4→2 and the flatten size is 8c; for 3×32×32 they are 32→18→9→5→3.
 * Parameters are initialised like PyTorch's defaults (Kaiming-uniform with a = √5: U(−1/√fanIn, 1/√fanIn) for
 * weights and biases).
 *
 * <p><b>Sign convention.</b> The output of the last dense layer is the energy E(x) (low = likely). The PyTorch
 * reference's network outputs a score −E: its Langevin step descends {@code -model(x)} and it reports
 * {@code E_real = -model(real).mean()}. The two nets are therefore equal up to the sign of the last layer;
 * {@link org.ebm4j.nn.torch.TorchConvSwishWeights} negates it when importing the reference's weights.
 */
public final class ConvSwish {

    /** Registry name. */
    public static final String NAME = "conv-swish";
    static final Set<String> KEYS = Set.of("hidden", "channels", "height", "width", "seed", "dtype");

    /**
     * @param hidden width c (even, {@code >= 2}); the reference uses 32
     * @param channels input channels (1 for MNIST, 3 for CIFAR)
     * @param height input height
     * @param width input width
     * @param seed seed of the initial parameters
     * @param dataType FLOAT or DOUBLE
     */
    public record Config(int hidden, int channels, int height, int width, long seed, DataType dataType) {
        public Config {
            Checks.positive("hidden", hidden);
            if (hidden % 2 != 0) {
                throw new IllegalArgumentException("hidden = " + hidden + "; expected an even integer >= 2"
                        + " (the first convolution has hidden/2 channels)");
            }
            Checks.positive("channels", channels);
            Checks.positive("height", height);
            Checks.positive("width", width);
        }

        /** The reference's configuration: c = 32 on 1×28×28, float32. */
        public static Config mnist(long seed) {
            return new Config(32, 1, 28, 28, seed, DataType.FLOAT);
        }

        /** Spatial size after the four stride-2 convolutions. */
        public long finalSize(long size) {
            long s = (size + 2 * 4 - 5) / 2 + 1;
            for (int i = 0; i < 3; i++) {
                s = (s + 2 - 3) / 2 + 1;
            }
            return s;
        }

        /**
         * The number of parameters, written out layer by layer (weights + biases) as PyTorch counts them.
         */
        public long parameterCount() {
            long c1 = hidden / 2;
            long c2 = hidden;
            long c3 = 2L * hidden;
            long flat = c3 * finalSize(height) * finalSize(width);
            return (c1 * channels * 25 + c1) + (c2 * c1 * 9 + c2) + (c3 * c2 * 9 + c3) + (c3 * c3 * 9 + c3)
                    + (flat * c3 + c3) + (c3 + 1);
        }
    }

    private ConvSwish() {
    }

    /** Builds the energy. */
    public static SameDiffEnergy create(Config config) {
        int c = config.hidden();
        return SameDiffEnergyBuilder.forInput(config.channels(), config.height(), config.width())
                .name(NAME).seed(RandomKey.of(config.seed())).dataType(config.dataType())
                .config("hidden", c).config("channels", config.channels()).config("height", config.height())
                .config("width", config.width()).config("seed", config.seed())
                .config("dtype", config.dataType() == DataType.DOUBLE ? "double" : "float")
                .conv2d(c / 2, 5, 2, 4).swish()
                .conv2d(c, 3, 2, 1).swish()
                .conv2d(2 * c, 3, 2, 1).swish()
                .conv2d(2 * c, 3, 2, 1).swish()
                .flatten().dense(2 * c).swish()
                .dense(1)
                .build();
    }

    /** Reads {@code hidden} (32), {@code channels} (1), {@code height} (28), {@code width} (28), {@code seed} (0), {@code dtype} (float). */
    public static Config config(ComponentConfig config) {
        config.requireOnly(KEYS);
        return new Config(config.getPositiveInt("hidden", 32), config.getPositiveInt("channels", 1),
                config.getPositiveInt("height", 28), config.getPositiveInt("width", 28), config.getLong("seed", 0),
                DataTypes.parse(config));
    }
}
