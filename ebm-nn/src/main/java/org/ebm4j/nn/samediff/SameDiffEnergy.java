package org.ebm4j.nn.samediff;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.energy.ContrastiveDivergenceGradient;
import org.ebm4j.api.energy.EnergyGradient;
import org.ebm4j.api.energy.ParametricEnergy;
import org.ebm4j.api.io.TensorArchive;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A neural energy E_θ(x) held in one SameDiff graph, built by {@link SameDiffEnergyBuilder}.
 *
 * <p>The graph has one loss variable, {@code loss = Σᵢ wᵢ·Eᵢ + Σᵢ qᵢ·Eᵢ²}, whose coefficients {@code w}, {@code q}
 * are placeholders. Every gradient this class offers is a gradient of that loss with other coefficients, so SameDiff
 * builds its backward graph once (about 2 s for the conv net) and reuses it:
 * <ul>
 *   <li>{@link #energyAndGradient(INDArray)}: w = 1, q = 0, gradient with respect to the input placeholder; energies and
 *       ∇ₓE come from one execution (samples are independent, so ∇ₓ Σᵢ Eᵢ holds ∇ₓEᵢ in row i);</li>
 *   <li>{@link #parameterGradient}: w = the caller's weights, q = 0, gradients of the parameters;</li>
 *   <li>{@link #contrastiveGradient}: positives and negatives in one batch with w = (1/n, …, −1/m, …) and
 *       q = (α/n, …, α/m, …), which is the loss mean E⁺ − mean E⁻ + α(mean E⁺² + mean E⁻²), in one execution.</li>
 * </ul>
 *
 * <p>Inputs of another floating-point type are cast to the graph's type. Inputs are checked: wrong shapes and NaN or
 * infinite entries fail with {@link IllegalArgumentException} naming the expected shape. Instances are not
 * thread-safe (a SameDiff graph is executed by one thread at a time).
 */
public final class SameDiffEnergy implements ParametricEnergy, ContrastiveDivergenceGradient {

    /** Name of the file format written by {@link #save(Path)}, stored as metadata key {@code energy.format}. */
    public static final String FILE_FORMAT = "ebm4j-samediff-energy";
    /** Version of that format, stored as {@code energy.format_version}; bumped when its layout changes. */
    public static final int FILE_FORMAT_VERSION = 1;

    static final String INPUT = "x";
    static final String ENERGY = "energy";
    static final String LINEAR_COEFF = "w";
    static final String QUADRATIC_COEFF = "q";
    static final String LOSS = "loss";

    /**
     * One layer of the network.
     *
     * @param name "conv1", "swish3", ...
     * @param description the layer's {@link Layer#describe()}
     * @param output the graph variable holding its activations
     * @param shape per-sample shape of the activations
     * @param layer the layer itself (its parameters are {@code name + ".weight"} etc. in {@link #parameters()})
     */
    public record LayerInfo(String name, String description, String output, long[] shape, Layer layer) {
        public LayerInfo {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }
    }

    private final SameDiff graph;
    private final String name;
    private final Map<String, String> config;
    private final long[] sampleShape;
    private final DataType dataType;
    private final String architecture;
    private final List<String> parameterNames;
    private final List<LayerInfo> layers;
    private final String[] inferenceOutputs;
    private INDArray ones = null;
    private INDArray zeros = null;

    SameDiffEnergy(SameDiff graph, String name, Map<String, String> config, long[] sampleShape, DataType dataType,
                   String architecture, List<String> parameterNames, List<LayerInfo> layers) {
        this.graph = graph;
        this.name = name;
        this.config = Collections.unmodifiableMap(config);
        this.sampleShape = sampleShape.clone();
        this.dataType = dataType;
        this.architecture = architecture;
        this.parameterNames = parameterNames;
        this.layers = layers;
        this.inferenceOutputs = Stream.concat(layers.stream().map(LayerInfo::output), Stream.of(ENERGY))
                .toArray(String[]::new);
    }

    /** @return the name this energy is registered under ("conv-swish", ...). */
    public String name() {
        return name;
    }

    /** @return the factory configuration that rebuilds this architecture (saved with the parameters). */
    public Map<String, String> config() {
        return config;
    }

    public DataType dataType() {
        return dataType;
    }

    /** @return the layers in order, with their per-sample output shapes. */
    public List<LayerInfo> layers() {
        return layers;
    }

    /** @return the underlying graph, for inspection (not for modification). */
    public SameDiff graph() {
        return graph;
    }

    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }

    @Override
    public String architecture() {
        return name + ": " + architecture;
    }

    @Override
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> p = new LinkedHashMap<>();
        for (String n : parameterNames) {
            p.put(n, graph.getArrForVarName(n));
        }
        return p;
    }

    @Override
    public INDArray energy(INDArray x) {
        INDArray input = input("x", x);
        // Requesting every layer's activations, not just the energy, is deliberate: in ND4J 1.0.0-M2.1 a float
        // graph asked for "energy" alone returns wrong values from its second execution on (the session's array
        // cache hands out a buffer that is still in use); keeping the activations alive avoids the reuse.
        return graph.output(Map.of(INPUT, input), inferenceOutputs).get(ENERGY).dup();
    }

    @Override
    public EnergyGradient energyAndGradient(INDArray x) {
        INDArray input = input("x", x);
        int n = (int) input.size(0);
        OutAndGrad r = graph.calculateGradientsAndOutputs(
                Map.of(INPUT, input, LINEAR_COEFF, ones(n), QUADRATIC_COEFF, zeros(n)), List.of(ENERGY),
                List.of(INPUT));
        return new EnergyGradient(r.getOutputs().get(ENERGY).dup(), r.getGradients().get(INPUT).dup());
    }

    @Override
    public void energyAndGradient(INDArray x, INDArray energyOut, INDArray gradientOut) {
        INDArray input = input("x", x);
        int n = (int) input.size(0);
        OutAndGrad r = graph.calculateGradientsAndOutputs(
                Map.of(INPUT, input, LINEAR_COEFF, ones(n), QUADRATIC_COEFF, zeros(n)), List.of(ENERGY),
                List.of(INPUT));
        energyOut.assign(r.getOutputs().get(ENERGY));
        gradientOut.assign(r.getGradients().get(INPUT));
    }

    /**
     * @param x states, shape {@code [n, ...sampleShape()]}
     * @return the activations of every layer by layer name, shapes {@code [n, ...LayerInfo.shape()]}
     */
    public Map<String, INDArray> activations(INDArray x) {
        INDArray input = input("x", x);
        String[] outputs = layers.stream().map(LayerInfo::output).toArray(String[]::new);
        Map<String, INDArray> byVariable = graph.output(Map.of(INPUT, input), outputs);
        Map<String, INDArray> byLayer = new LinkedHashMap<>();
        for (LayerInfo l : layers) {
            byLayer.put(l.name(), byVariable.get(l.output()).dup());
        }
        return byLayer;
    }

    @Override
    public Map<String, INDArray> parameterGradient(INDArray x, INDArray energyWeights) {
        INDArray input = input("x", x);
        int n = (int) input.size(0);
        checkEnergyWeights(energyWeights, n);
        Map<String, INDArray> g = graph.calculateGradients(Map.of(INPUT, input, LINEAR_COEFF,
                energyWeights.castTo(dataType), QUADRATIC_COEFF, zeros(n)), parameterNames);
        return ordered(g);
    }

    /** Checks the weights of {@link #parameterGradient}: shape {@code [n]}, finite. */
    public static void checkEnergyWeights(INDArray energyWeights, long n) {
        if (energyWeights == null || energyWeights.rank() != 1 || energyWeights.length() != n) {
            throw new IllegalArgumentException("energyWeights has shape "
                    + (energyWeights == null ? "null" : Arrays.toString(energyWeights.shape())) + "; expected [" + n
                    + "] (one weight per row of x)");
        }
        Checks.finite("energyWeights", energyWeights);
    }

    @Override
    public Result contrastiveGradient(INDArray positive, INDArray negative, double alpha) {
        Checks.nonNegative("alpha", alpha);
        INDArray pos = input("positive", positive);
        INDArray neg = input("negative", negative);
        int n = (int) pos.size(0);
        int m = (int) neg.size(0);
        INDArray both = Nd4j.concat(0, pos, neg);
        INDArray w = Nd4j.create(dataType, n + m);
        INDArray q = Nd4j.create(dataType, n + m);
        w.get(NDArrayIndex.interval(0, n)).assign(1.0 / n);
        w.get(NDArrayIndex.interval(n, n + m)).assign(-1.0 / m);
        q.get(NDArrayIndex.interval(0, n)).assign(alpha / n);
        q.get(NDArrayIndex.interval(n, n + m)).assign(alpha / m);
        OutAndGrad r = graph.calculateGradientsAndOutputs(
                Map.of(INPUT, both, LINEAR_COEFF, w, QUADRATIC_COEFF, q), List.of(ENERGY), parameterNames);
        INDArray e = r.getOutputs().get(ENERGY).castTo(DataType.DOUBLE);
        return Result.of(e.get(NDArrayIndex.interval(0, n)), e.get(NDArrayIndex.interval(n, n + m)), alpha,
                ordered(r.getGradients()));
    }

    /**
     * Writes {@link TensorArchive} with metadata {@code energy.format}, {@code energy.format_version},
     * {@code energy.name}, {@code energy.architecture}, {@code energy.dtype}, {@code energy.parameter_count},
     * {@code energy.config.KEY} (the factory configuration) and one array per parameter, under its name.
     */
    @Override
    public void save(Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("energy.format", FILE_FORMAT);
        meta.put("energy.format_version", Integer.toString(FILE_FORMAT_VERSION));
        meta.put("energy.name", name);
        meta.put("energy.architecture", architecture());
        meta.put("energy.dtype", dataType.name());
        meta.put("energy.parameter_count", Long.toString(parameterCount()));
        config.forEach((k, v) -> meta.put("energy.config." + k, v));
        TensorArchive.write(file, meta, parameters());
    }

    /**
     * Replaces the parameters with those saved in {@code file} (cast to this energy's data type).
     *
     * @throws IllegalArgumentException if the file holds another architecture, naming both
     * @throws IOException if the file is unreadable or not an energy file of a known version
     */
    public void load(Path file) throws IOException {
        TensorArchive.Contents contents = NeuralEnergyArchive.read(file);
        String saved = contents.meta("energy.architecture");
        if (!saved.equals(architecture())) {
            throw new IllegalArgumentException(file + " holds architecture '" + saved
                    + "', but this energy is '" + architecture() + "'");
        }
        Map<String, INDArray> live = parameters();
        for (Map.Entry<String, INDArray> p : live.entrySet()) {
            INDArray stored = contents.array(p.getKey());
            if (!Arrays.equals(stored.shape(), p.getValue().shape())) {
                throw new IllegalArgumentException(file + ": parameter '" + p.getKey() + "' has shape "
                        + Arrays.toString(stored.shape()) + "; expected " + Arrays.toString(p.getValue().shape()));
            }
        }
        for (Map.Entry<String, INDArray> p : live.entrySet()) {
            p.getValue().assign(contents.array(p.getKey()).castTo(dataType));
        }
    }

    private Map<String, INDArray> ordered(Map<String, INDArray> gradients) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String p : parameterNames) {
            out.put(p, gradients.get(p).dup());
        }
        return out;
    }

    private INDArray input(String argument, INDArray x) {
        checkBatch(argument, x);
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException(argument + " has data type " + x.dataType()
                    + "; expected a floating-point type (FLOAT or DOUBLE)");
        }
        Checks.finite(argument, x);
        return x.dataType() == dataType ? x : x.castTo(dataType);
    }

    private INDArray ones(int n) {
        if (ones == null || ones.length() != n) {
            ones = Nd4j.ones(dataType, n);
            zeros = Nd4j.zeros(dataType, n);
        }
        return ones;
    }

    private INDArray zeros(int n) {
        ones(n);
        return zeros;
    }

    @Override
    public String toString() {
        return architecture() + " (" + parameterCount() + " parameters, " + dataType + ")";
    }
}
