package org.ebm4j.nn.samediff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.random.RandomKey;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds a {@link SameDiffEnergy} from a sequence of layers, checking every shape as it goes. The last layer must
 * produce one number per sample: that number is the energy E(x) (low = likely).
 *
 * <pre>{@code
 * SameDiffEnergy energy = SameDiffEnergyBuilder.forInput(1, 28, 28)
 *         .name("my-conv").seed(RandomKey.of(7))
 *         .conv2d(16, 3, 2, 1).swish()
 *         .flatten().dense(64).swish().dense(1)
 *         .build();
 * }</pre>
 *
 * <p>A layer that is not built in is any {@link Layer}, added with {@link #layer(Layer)}.
 */
public final class SameDiffEnergyBuilder {

    private final long[] sampleShape;
    private final List<Layer> layers = new ArrayList<>();
    private final Map<String, String> config = new LinkedHashMap<>();
    private String name = "samediff";
    private DataType dataType = DataType.FLOAT;
    private RandomKey seed = RandomKey.of(0);

    private SameDiffEnergyBuilder(long[] sampleShape) {
        this.sampleShape = sampleShape.clone();
    }

    /** @param sampleShape shape of one state, e.g. {@code 1, 28, 28} for an image or {@code 2} for a 2-D point */
    public static SameDiffEnergyBuilder forInput(long... sampleShape) {
        if (sampleShape.length == 0 || Arrays.stream(sampleShape).anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("sampleShape = " + Arrays.toString(sampleShape)
                    + "; expected one or more sizes >= 1");
        }
        return new SameDiffEnergyBuilder(sampleShape);
    }

    /**
     * @param name the name the energy is registered under; saved files record it so that
     *     {@link NeuralEnergyArchive#load} can rebuild the energy through the registry
     */
    public SameDiffEnergyBuilder name(String name) {
        this.name = name;
        return this;
    }

    /**
     * Records one option of the factory configuration that rebuilds this energy (saved with the parameters).
     */
    public SameDiffEnergyBuilder config(String key, Object value) {
        config.put(key, String.valueOf(value));
        return this;
    }

    /** @param dataType FLOAT (default, for sampling and training) or DOUBLE (for gradient checks) */
    public SameDiffEnergyBuilder dataType(DataType dataType) {
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("dataType = " + dataType + "; expected FLOAT or DOUBLE");
        }
        this.dataType = dataType;
        return this;
    }

    /** @param seed key of the initial parameter values (default {@code RandomKey.of(0)}) */
    public SameDiffEnergyBuilder seed(RandomKey seed) {
        this.seed = seed;
        return this;
    }

    /** Appends any layer. */
    public SameDiffEnergyBuilder layer(Layer layer) {
        layers.add(layer);
        return this;
    }

    /** Appends {@link Layers.Conv2d}. */
    public SameDiffEnergyBuilder conv2d(int outChannels, int kernel, int stride, int padding) {
        return layer(new Layers.Conv2d(outChannels, kernel, stride, padding));
    }

    /** Appends {@link Layers.Dense}. */
    public SameDiffEnergyBuilder dense(int outFeatures) {
        return layer(new Layers.Dense(outFeatures));
    }

    /** Appends {@link Layers.Swish}. */
    public SameDiffEnergyBuilder swish() {
        return layer(new Layers.Swish());
    }

    /** Appends {@link Layers.Flatten}. */
    public SameDiffEnergyBuilder flatten() {
        return layer(new Layers.Flatten());
    }

    /**
     * Builds the graph: input placeholder {@code x}, the layers, {@code energy} {@code [n]}, and the single loss
     * {@code loss = Σᵢ wᵢ·Eᵢ + Σᵢ qᵢ·Eᵢ²} whose coefficient placeholders {@code w}, {@code q} select what is
     * differentiated (see {@link SameDiffEnergy}).
     *
     * @throws IllegalArgumentException if a layer rejects its input shape or the output is not one number per sample
     */
    public SameDiffEnergy build() {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException(name + ": no layers; expected at least one ending in one output");
        }
        SameDiff graph = SameDiff.create();
        LayerContext ctx = new LayerContext(graph, dataType, seed);
        SDVariable x = graph.placeHolder(SameDiffEnergy.INPUT, dataType, batchOf(sampleShape));
        SDVariable h = x;
        long[] shape = sampleShape.clone();
        Map<String, Integer> counts = new HashMap<>();
        List<SameDiffEnergy.LayerInfo> infos = new ArrayList<>();
        StringBuilder architecture = new StringBuilder("input").append(Arrays.toString(sampleShape));
        for (Layer layer : layers) {
            int index = counts.merge(layer.kind(), 1, Integer::sum);
            String layerName = layer.kind() + index;
            long[] out;
            try {
                out = layer.outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": layer " + layerName + " (" + layer.describe() + "): "
                        + e.getMessage(), e);
            }
            ctx.enterLayer(layerName);
            h = layer.apply(ctx, h, shape);
            shape = out;
            infos.add(new SameDiffEnergy.LayerInfo(layerName, layer.describe(), h.name(), out.clone(), layer));
            architecture.append(" ").append(layer.describe()).append(Arrays.toString(out));
        }
        if (Arrays.stream(shape).reduce(1, (a, b) -> a * b) != 1) {
            throw new IllegalArgumentException(name + ": the last layer outputs " + Arrays.toString(shape)
                    + " per sample; expected [1] (one energy per sample; end with dense(1))");
        }
        SDVariable energy = graph.reshape(SameDiffEnergy.ENERGY, h, -1);
        SDVariable w = graph.placeHolder(SameDiffEnergy.LINEAR_COEFF, dataType, -1);
        SDVariable q = graph.placeHolder(SameDiffEnergy.QUADRATIC_COEFF, dataType, -1);
        SDVariable linear = energy.mul(w).sum();
        SDVariable quadratic = energy.mul(energy).mul(q).sum();
        linear.add(SameDiffEnergy.LOSS, quadratic);
        graph.setLossVariables(SameDiffEnergy.LOSS);
        return new SameDiffEnergy(graph, name, new LinkedHashMap<>(config), sampleShape, dataType,
                architecture.toString(), List.copyOf(ctx.parameters().keySet()), infos);
    }

    private static long[] batchOf(long[] sampleShape) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = -1;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return shape;
    }
}
