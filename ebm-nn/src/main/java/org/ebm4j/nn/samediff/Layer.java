package org.ebm4j.nn.samediff;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * One step of a {@link SameDiffEnergyBuilder} network: it knows the shape it produces and adds its ops to the graph.
 *
 * <p>Shapes are per sample (without the batch dimension): an image layer sees {@code [channels, height, width]}, a
 * vector layer {@code [features]}. A layer that has parameters creates them with {@link LayerContext#parameter}, which
 * names, registers and initialises them.
 */
public interface Layer {

    /**
     * @param inputShape per-sample shape of this layer's input
     * @return per-sample shape of its output
     * @throws IllegalArgumentException if the layer cannot take an input of this shape (say which shape it expected)
     */
    long[] outputShape(long[] inputShape);

    /**
     * Adds the layer to the graph.
     *
     * @param context the graph, parameter creation and this layer's name
     * @param input activations, shape {@code [n, ...inputShape]}
     * @param inputShape per-sample shape of {@code input}
     * @return activations, shape {@code [n, ...outputShape(inputShape)]}
     */
    SDVariable apply(LayerContext context, SDVariable input, long[] inputShape);

    /** @return a short description for {@link org.ebm4j.api.energy.ParametricEnergy#architecture()}, e.g. "swish". */
    String describe();

    /** @return the prefix of this layer's name ("conv", "dense", ...); layers are numbered per prefix. */
    default String kind() {
        return "layer";
    }
}
