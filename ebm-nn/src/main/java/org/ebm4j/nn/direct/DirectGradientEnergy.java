package org.ebm4j.nn.direct;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.energy.ContrastiveDivergenceGradient;
import org.ebm4j.api.energy.EnergyGradient;
import org.ebm4j.api.energy.ParametricEnergy;
import org.ebm4j.nn.samediff.Layers;
import org.ebm4j.nn.samediff.SameDiffEnergy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Swish;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SwishDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The same energy as a {@link SameDiffEnergy} built from the built-in layers (conv2d, dense, swish, flatten), with a
 * faster path for what samplers call in their hot loop: E and ∇ₓE by libnd4j ops sequenced by hand on buffers that
 * are allocated once per batch size, computing no parameter gradients at all.
 *
 * <p>Backward pass: swish′(a) = σ(a) + a·σ(a)(1 − σ(a)) element-wise; a dense layer's input gradient is
 * δ·Wᵀ; a convolution's input gradient is its transposed convolution ({@code deconv2d}) of δ with the same weights
 * and no padding, cropped by the padding p: the un-padded transposed convolution yields the gradient with respect to
 * the zero-padded input, whose entries [p, p + size) are the real input. So the first layer costs one small
 * transposed convolution instead of the {@code conv2d_bp} that SameDiff runs, which always computes weight gradients.
 *
 * <p>With {@link Convolutions#ONEDNN} the convolutional front (conv2d [swish] blocks up to the flatten) runs as
 * oneDNN primitives built once per batch size ({@link OneDnnConvStage}): blocked activation layouts end to end and
 * backward-data convolutions, about three times as fast as libnd4j's convolutions for the conv net; FLOAT only.
 *
 * <p>Everything else — parameters (the same live arrays), parameter gradients, the fused CD gradient, save — is the
 * wrapped SameDiff energy's. Results agree with it to float rounding ({@code DirectGradientEnergyTest}, for
 * both convolution back ends). Not thread-safe.
 */
public final class DirectGradientEnergy implements ParametricEnergy, ContrastiveDivergenceGradient {

    /** Who runs the convolutions. */
    public enum Convolutions {
        /** libnd4j's conv2d and deconv2d ops on ND4J arrays (any data type) */
        ND4J,
        /** oneDNN primitives on blocked layouts, for FLOAT nets that start with conv2d [swish] blocks and a flatten */
        ONEDNN
    }

    private final SameDiffEnergy graph;
    private final List<SameDiffEnergy.LayerInfo> layers;
    private final DataType dataType;
    private final boolean everyInputReachesEnergy;
    private final Convolutions convolutions;
    private final int stageLayers;

    /**
     * @return {@link Convolutions#ONEDNN} if {@code graph} qualifies (FLOAT, conv2d [swish] blocks then a flatten, ND4J
     *     on the CPU, oneDNN's presets load), else {@link Convolutions#ND4J}
     */
    public static Convolutions fastestConvolutions(SameDiffEnergy graph) {
        return oneDnnUnsupported(graph) == null ? Convolutions.ONEDNN : Convolutions.ND4J;
    }

    /** @return why {@code graph} cannot use {@link Convolutions#ONEDNN}, or null if it can */
    public static String oneDnnUnsupported(SameDiffEnergy graph) {
        if (graph.dataType() != DataType.FLOAT) {
            return "the net is " + graph.dataType() + "; oneDNN's path is FLOAT only";
        }
        if (OneDnnConvStage.coveredLayers(graph.layers()) == 0) {
            return "the net does not start with conv2d [swish] blocks followed by a flatten";
        }
        return OneDnnConvStage.unavailable();
    }

    /** The hand-sequenced path with the fastest convolutions {@code graph} qualifies for. */
    public DirectGradientEnergy(SameDiffEnergy graph) {
        this(graph, fastestConvolutions(graph));
    }

    /**
     * @param graph an energy built from {@link Layers.Conv2d}, {@link Layers.Dense}, {@link Layers.Swish} and
     *     {@link Layers.Flatten} only
     * @param convolutions who runs the convolutions
     * @throws IllegalArgumentException naming the first layer of another kind, or why {@code graph} cannot use
     *     {@link Convolutions#ONEDNN} if that was asked for
     */
    public DirectGradientEnergy(SameDiffEnergy graph, Convolutions convolutions) {
        for (SameDiffEnergy.LayerInfo l : graph.layers()) {
            if (!(l.layer() instanceof Layers.Conv2d || l.layer() instanceof Layers.Dense
                    || l.layer() instanceof Layers.Swish || l.layer() instanceof Layers.Flatten)) {
                throw new IllegalArgumentException("layer " + l.name() + " (" + l.description() + ") of "
                        + graph.name() + " is a " + l.layer().getClass().getName()
                        + "; the direct gradient path supports conv2d, dense, swish and flatten only");
            }
        }
        this.graph = graph;
        this.layers = graph.layers();
        this.dataType = graph.dataType();
        this.everyInputReachesEnergy = everyInputReachesEnergy(graph);
        if (convolutions == Convolutions.ONEDNN) {
            String why = oneDnnUnsupported(graph);
            if (why != null) {
                throw new IllegalArgumentException(graph.name() + ": convolutions = onednn is not possible: " + why);
            }
        }
        this.convolutions = convolutions;
        this.stageLayers = convolutions == Convolutions.ONEDNN ? OneDnnConvStage.coveredLayers(layers) : 0;
    }

    /** @return who runs the convolutions */
    public Convolutions convolutions() {
        return convolutions;
    }

    /**
     * True if every input entry influences the output: each convolution's windows (kernel ≥ stride) cover its whole
     * input, (out − 1)·stride + kernel ≥ padding + size on both axes. Dense layers read every input.
     */
    private static boolean everyInputReachesEnergy(SameDiffEnergy graph) {
        long[] in = graph.sampleShape();
        for (SameDiffEnergy.LayerInfo l : graph.layers()) {
            if (l.layer() instanceof Layers.Conv2d c) {
                long[] out = l.shape();
                for (int axis = 1; axis <= 2; axis++) {
                    if (c.kernel() < c.stride() || (out[axis] - 1) * c.stride() + c.kernel() < c.padding() + in[axis]) {
                        return false;
                    }
                }
            }
            in = l.shape();
        }
        return true;
    }

    /** @return the SameDiff energy whose parameters this one evaluates. */
    public SameDiffEnergy graph() {
        return graph;
    }

    @Override
    public long[] sampleShape() {
        return graph.sampleShape();
    }

    @Override
    public INDArray energy(INDArray x) {
        INDArray input = input("x", x, false);
        Buffers b = buffers(input.size(0));
        forward(input, b);
        INDArray energies = b.activations.get(layers.size() - 1).reshape(input.size(0)).dup();
        checkInputIfNotFinite(x, energies);
        return energies;
    }

    @Override
    public EnergyGradient energyAndGradient(INDArray x) {
        INDArray e = Nd4j.create(dataType, x.size(0));
        INDArray g = Nd4j.create(dataType, x.shape());
        energyAndGradient(x, e, g);
        return new EnergyGradient(e, g);
    }

    @Override
    public void energyAndGradient(INDArray x, INDArray energyOut, INDArray gradientOut) {
        INDArray input = input("x", x, false);
        long n = input.size(0);
        Buffers b = buffers(n);
        forward(input, b);
        int last = layers.size() - 1;
        INDArray top = b.activations.get(last);
        energyOut.assign(top.reshape(n));
        checkInputIfNotFinite(x, energyOut);
        top.assign(1.0);  // dE/dE
        INDArray gradient = gradientOut.dataType() == dataType && gradientOut.ordering() == 'c'
                && !gradientOut.isView() ? gradientOut : b.inputGradient;
        for (int i = last; i >= stageLayers; i--) {
            INDArray delta = b.activations.get(i);
            INDArray in = i == 0 ? input : b.activations.get(i - 1);
            INDArray dest = i == 0 ? gradient : in;
            backward(layers.get(i), in, delta, dest, b.scratch.get(i));
        }
        if (b.stage != null) {
            b.stage.backward(b.activations.get(stageLayers - 1), gradient);
        }
        if (gradient != gradientOut) {
            gradientOut.assign(gradient);
        }
    }

    private void forward(INDArray x, Buffers b) {
        INDArray h = x;
        if (b.stage != null) {
            h = b.activations.get(stageLayers - 1);
            b.stage.forward(x, h);
        }
        for (int i = stageLayers; i < layers.size(); i++) {
            SameDiffEnergy.LayerInfo l = layers.get(i);
            INDArray out = b.activations.get(i);
            if (l.layer() instanceof Layers.Conv2d c) {
                Nd4j.exec(DynamicCustomOp.builder("conv2d")
                        .addInputs(h, param(l, "weight"), param(l, "bias")).addOutputs(out)
                        .addIntegerArguments(convolutionArguments(c, c.padding()))
                        .build());
            } else if (l.layer() instanceof Layers.Dense) {
                Nd4j.gemm(h, param(l, "weight"), out, false, false, 1.0, 0.0);
                out.addiRowVector(param(l, "bias"));
            } else if (l.layer() instanceof Layers.Swish) {
                Nd4j.exec(new Swish(h, out));
            }
            // Flatten: out is a reshaped view of h
            h = out;
        }
    }

    /** Writes the gradient with respect to {@code in} into {@code dest}, given {@code delta} = ∂E/∂out. */
    private void backward(SameDiffEnergy.LayerInfo l, INDArray in, INDArray delta, INDArray dest, INDArray scratch) {
        if (l.layer() instanceof Layers.Conv2d c) {
            // transposed convolution, no padding, weights [k, k, in, out] read as deconv2d's [kH, kW, oC, iC]
            Nd4j.exec(DynamicCustomOp.builder("deconv2d")
                    .addInputs(delta, param(l, "weight")).addOutputs(scratch)
                    .addIntegerArguments(convolutionArguments(c, 0))
                    .build());
            long p = c.padding();
            dest.assign(scratch.get(NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.interval(p, p + in.size(2)), NDArrayIndex.interval(p, p + in.size(3))));
        } else if (l.layer() instanceof Layers.Dense) {
            Nd4j.gemm(delta, param(l, "weight"), dest, false, true, 1.0, 0.0);
        } else if (l.layer() instanceof Layers.Swish) {
            Nd4j.exec(new SwishDerivative(in, dest));
            dest.muli(delta);
        } else if (dest != in) {
            // Flatten as the first layer: dest is the caller's gradient (otherwise delta already is a view of in)
            dest.assign(delta.reshape(dest.shape()));
        }
    }

    /**
     * libnd4j's integer arguments of conv2d, conv2d_bp and deconv2d: kernel, stride, {@code padding}, dilation 1,
     * explicit padding, NCHW, weights [kH, kW, in, out].
     */
    private static int[] convolutionArguments(Layers.Conv2d c, int padding) {
        return new int[] {c.kernel(), c.kernel(), c.stride(), c.stride(), padding, padding, 1, 1, 0, 0, 0};
    }

    private INDArray param(SameDiffEnergy.LayerInfo l, String suffix) {
        return graph.graph().getArrForVarName(l.name() + "." + suffix);
    }

    /** Activations per layer (flatten as a view of its input) and transposed-convolution outputs, for one batch size. */
    /**
     * Activations per layer (flatten as a view of its input) and transposed-convolution outputs, for one batch size.
     * With a oneDNN stage, the stage's layers have neither: the entry before the flatten is the stage's flattened
     * output {@code [n, C·H·W]} (the flatten a view of it).
     */
    private static final class Buffers {
        final List<INDArray> activations;
        final List<INDArray> scratch;
        final INDArray inputGradient;
        final OneDnnConvStage stage;
        Buffers(List<INDArray> activations, List<INDArray> scratch, INDArray inputGradient, OneDnnConvStage stage) {
            this.activations = activations;
            this.scratch = scratch;
            this.inputGradient = inputGradient;
            this.stage = stage;
        }
    }

    /** Batch sizes whose buffers (and oneDNN primitives) are kept: sampling and the CD pass use two. */
    private static final int CACHED_BATCH_SIZES = 3;

    private final Map<Long, Buffers> buffers = new java.util.LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Buffers> eldest) {
            if (size() > CACHED_BATCH_SIZES) {
                if (eldest.getValue().stage != null) {
                    eldest.getValue().stage.close();
                }
                return true;
            }
            return false;
        }
    };

    private Buffers buffers(long n) {
        Buffers cached = buffers.get(n);
        if (cached != null) {
            return cached;
        }
        List<INDArray> acts = new ArrayList<>();
        List<INDArray> scratch = new ArrayList<>();
        OneDnnConvStage stage = stageLayers == 0 ? null
                : new OneDnnConvStage(layers, graph.sampleShape(), n, graph.graph()::getArrForVarName);
        long[] inShape = graph.sampleShape();
        for (int i = 0; i < layers.size(); i++) {
            SameDiffEnergy.LayerInfo l = layers.get(i);
            long[] shape = batch(n, l.shape());
            if (i < stageLayers - 1) {
                acts.add(null);
            } else if (i == stageLayers - 1) {
                acts.add(Nd4j.create(dataType, n, stage.outputFeatures()));
            } else {
                acts.add(l.layer() instanceof Layers.Flatten && !acts.isEmpty()
                        ? acts.get(acts.size() - 1).reshape(shape) : Nd4j.create(dataType, shape));
            }
            if (l.layer() instanceof Layers.Conv2d c && i >= stageLayers) {
                long[] outShape = l.shape();
                long hd = (outShape[1] - 1) * c.stride() + c.kernel();
                long wd = (outShape[2] - 1) * c.stride() + c.kernel();
                scratch.add(Nd4j.create(dataType, n, inShape[0], hd, wd));
            } else {
                scratch.add(null);
            }
            inShape = l.shape();
        }
        Buffers b = new Buffers(acts, scratch, Nd4j.create(dataType, batch(n, graph.sampleShape())), stage);
        buffers.put(n, b);
        return b;
    }

    private static long[] batch(long n, long[] sample) {
        long[] s = new long[sample.length + 1];
        s[0] = n;
        System.arraycopy(sample, 0, s, 1, sample.length);
        return s;
    }

    /**
     * Conv2d, dense and swish map a NaN or ±∞ anywhere in a sample to a non-finite energy of that sample (a sum of
     * products with a non-finite factor is non-finite or NaN; swish(±∞) is ∞ or NaN), so the full scan of
     * {@code x} — two reductions over the whole batch — is needed only when an energy is not finite, provided every
     * input entry reaches the energy (a convolution with stride > kernel skips entries; then x is always scanned).
     */
    private void checkInputIfNotFinite(INDArray x, INDArray energies) {
        if (!everyInputReachesEnergy) {
            Checks.finite("x", x);
            return;
        }
        for (double e : energies.toDoubleVector()) {
            if (!Double.isFinite(e)) {
                Checks.finite("x", x);
                return;
            }
        }
    }

    /**
     * @param scan whether to check x for NaN/Inf now; E and ∇ₓE skip it and call {@link #checkInputIfNotFinite}
     *     after the forward pass instead (the sampler's hot loop then pays no reductions over the batch)
     */
    private INDArray input(String argument, INDArray x, boolean scan) {
        checkBatch(argument, x);
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException(argument + " has data type " + x.dataType()
                    + "; expected a floating-point type (FLOAT or DOUBLE)");
        }
        if (scan) {
            Checks.finite(argument, x);
        }
        // the ops below read x as a dense C-order buffer; a view (a slice of a larger batch) is copied first
        return x.dataType() == dataType && x.ordering() == 'c' && !x.isView() ? x : x.castTo(dataType).dup('c');
    }

    @Override
    public Map<String, INDArray> parameters() {
        return graph.parameters();
    }

    /** Σᵢ wᵢ ∇_θ E(xᵢ), by the same hand-sequenced pass with parameter gradients (equal to the SameDiff graph's). */
    @Override
    public Map<String, INDArray> parameterGradient(INDArray x, INDArray energyWeights) {
        INDArray input = input("x", x, true);
        long n = input.size(0);
        SameDiffEnergy.checkEnergyWeights(energyWeights, n);
        Buffers b = buffers(n);
        forward(input, b);
        return backwardParameters(b, input, energyWeights.castTo(dataType));
    }

    /**
     * The CD loss mean E(x⁺) − mean E(x⁻) + α·(mean E(x⁺)² + mean E(x⁻)²) and its parameter gradient from one
     * forward and one backward pass over both batches together, with per-sample weights
     * ∂L/∂E(x⁺ᵢ) = (1 + 2αE(x⁺ᵢ))/n and ∂L/∂E(x⁻ⱼ) = (−1 + 2αE(x⁻ⱼ))/m — the same loss as the SameDiff graph's.
     */
    @Override
    public Result contrastiveGradient(INDArray positive, INDArray negative, double alpha) {
        Checks.nonNegative("alpha", alpha);
        INDArray pos = input("positive", positive, true);
        INDArray neg = input("negative", negative, true);
        long n = pos.size(0);
        long m = neg.size(0);
        Buffers b = buffers(n + m);
        INDArray both = b.inputGradient;  // free in this pass: no input gradient is computed
        both.get(NDArrayIndex.interval(0, n)).assign(pos);
        both.get(NDArrayIndex.interval(n, n + m)).assign(neg);
        forward(both, b);
        // a copy: the backward pass below overwrites the top activation (castTo of a DOUBLE net is no copy)
        INDArray e = b.activations.get(layers.size() - 1).reshape(n + m).castTo(DataType.DOUBLE).dup();
        INDArray ePos = e.get(NDArrayIndex.interval(0, n));
        INDArray eNeg = e.get(NDArrayIndex.interval(n, n + m));
        INDArray w = Nd4j.create(DataType.DOUBLE, n + m);
        w.get(NDArrayIndex.interval(0, n)).assign(ContrastiveDivergenceGradient.lossWeights(ePos, alpha, true));
        w.get(NDArrayIndex.interval(n, n + m)).assign(ContrastiveDivergenceGradient.lossWeights(eNeg, alpha, false));
        return Result.of(ePos, eNeg, alpha, backwardParameters(b, both, w.castTo(dataType)));
    }

    /**
     * Backward pass from ∂L/∂Eᵢ = {@code energyWeights} after {@link #forward} of {@code x}, writing only parameter
     * gradients.
     */
    private Map<String, INDArray> backwardParameters(Buffers b, INDArray x, INDArray energyWeights) {
        Map<String, INDArray> g = new LinkedHashMap<>();
        graph.parameters().forEach((k, p) -> g.put(k, Nd4j.create(p.dataType(), p.shape())));
        int last = layers.size() - 1;
        b.activations.get(last).assign(energyWeights.reshape(energyWeights.length(), 1));
        for (int i = last; i >= stageLayers; i--) {
            SameDiffEnergy.LayerInfo l = layers.get(i);
            INDArray delta = b.activations.get(i);
            INDArray in = i == 0 ? null : b.activations.get(i - 1);
            INDArray input = i == 0 ? x : in;
            if (l.layer() instanceof Layers.Dense) {
                Nd4j.gemm(input, delta, g.get(l.name() + ".weight"), true, false, 1.0, 0.0);
                g.get(l.name() + ".bias").assign(delta.sum(0));
                if (in != null) {
                    backward(l, in, delta, in, null);
                }
            } else if (l.layer() instanceof Layers.Conv2d c) {
                INDArray inputGradient = Nd4j.create(dataType, input.shape());
                Nd4j.exec(DynamicCustomOp.builder("conv2d_bp")
                        .addInputs(input, param(l, "weight"), param(l, "bias"), delta)
                        .addOutputs(inputGradient, g.get(l.name() + ".weight"), g.get(l.name() + ".bias"))
                        .addIntegerArguments(convolutionArguments(c, c.padding()))
                        .build());
                if (in != null) {
                    in.assign(inputGradient);
                }
            } else if (in != null) {
                backward(l, in, delta, in, null);
            }
        }
        if (b.stage != null) {
            b.stage.backwardParameters(b.activations.get(stageLayers - 1), g::get);
        }
        return g;
    }

    @Override
    public String architecture() {
        return graph.architecture();
    }

    @Override
    public void save(Path file) throws IOException {
        graph.save(file);
    }

    @Override
    public String toString() {
        return graph + " with the direct input-gradient path (convolutions: "
                + convolutions.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
