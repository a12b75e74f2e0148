package org.ebm4j.nn.samediff;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.ebm4j.api.random.RandomKey;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a {@link Layer} sees while the network is built: the graph, the data type, its own name, and a way to create
 * initialised parameters.
 */
public final class LayerContext {

    private final SameDiff graph;
    private final DataType dataType;
    private final RandomKey initKey;
    private final Map<String, SDVariable> parameters = new LinkedHashMap<>();
    private String layerName;

    LayerContext(SameDiff graph, DataType dataType, RandomKey initKey) {
        this.graph = graph;
        this.dataType = dataType;
        this.initKey = initKey;
    }

    /** @return the graph the layer adds its ops to. */
    public SameDiff graph() {
        return graph;
    }

    /** @return the floating-point type of every parameter and activation. */
    public DataType dataType() {
        return dataType;
    }

    /** @return the current layer's name ("conv1", "dense2", ...); parameter names start with it. */
    public String layerName() {
        return layerName;
    }

    /** @return a graph-unique name for an intermediate value of the current layer. */
    public String name(String suffix) {
        return layerName + "/" + suffix;
    }

    /**
     * Creates a trainable parameter named {@code layerName.suffix}, initialised like PyTorch's default for
     * {@code nn.Conv2d} and {@code nn.Linear} (Kaiming-uniform with a = √5, He et al. 2015): every entry is drawn from
     * U(−1/√fanIn, 1/√fanIn). The draws come from the builder's key folded with the parameter's name, so one
     * parameter's values do not depend on which other parameters exist.
     *
     * @param suffix "weight", "bias", ...
     * @param fanIn inputs feeding one output unit (in·kh·kw for a convolution, in for a dense layer)
     * @param shape the parameter's shape
     */
    public SDVariable parameter(String suffix, long fanIn, long... shape) {
        String name = layerName + "." + suffix;
        if (parameters.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' exists already; give each parameter of a"
                    + " layer its own suffix");
        }
        if (fanIn < 1) {
            throw new IllegalArgumentException("fanIn of '" + name + "' = " + fanIn + "; expected >= 1");
        }
        INDArray values = kaimingUniform(initKey.fold(name), fanIn, shape).castTo(dataType);
        SDVariable v = graph.var(name, values);
        parameters.put(name, v);
        return v;
    }

    /** U(−1/√fanIn, 1/√fanIn) in double precision, drawn in Java from {@code key}. */
    static INDArray kaimingUniform(RandomKey key, long fanIn, long... shape) {
        long length = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        double bound = 1.0 / Math.sqrt(fanIn);
        SplittableRandom random = key.javaRandom();
        double[] data = new double[Math.toIntExact(length)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (2 * random.nextDouble() - 1) * bound;
        }
        return Nd4j.create(data, shape, DataType.DOUBLE);
    }

    void enterLayer(String name) {
        this.layerName = name;
    }

    Map<String, SDVariable> parameters() {
        return parameters;
    }
}
