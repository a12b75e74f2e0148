package org.ebm4j.nn.direct;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.dnnl_backward_data;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_backward_data_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_backward_weights_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_direct;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_forward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_backward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_forward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_swish;
import static org.bytedeco.dnnl.global.dnnl.dnnl_engine_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_format_tag_any;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_hwio;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_equal;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_get_size;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_init_by_tag;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_set_data_handle;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_execute;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_diff_dst_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_diff_weights_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_diff_src_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_src_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_dst_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_weights_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_reorder_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_default_flags;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_wait;
import static org.bytedeco.dnnl.global.dnnl.dnnl_success;
import static org.bytedeco.dnnl.global.dnnl.dnnl_x;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.ebm4j.nn.samediff.Layers;
import org.ebm4j.nn.samediff.SameDiffEnergy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The convolutional front of a {@link DirectGradientEnergy} — conv2d layers, each optionally followed by swish, up
 * to the flatten — run as oneDNN primitives created once per batch size: forward convolutions and swish, and for the
 * input gradient oneDNN's backward-data convolutions and swish backward, which compute no weight gradients.
 *
 * <p>Activations stay in the blocked layouts oneDNN picks for this CPU (e.g. nChw8c with AVX2) from the first
 * convolution to the flatten; only the input, its gradient and the flattened output are plain NCHW, read and written
 * in place in the caller's ND4J buffers. Weights are read from the live SameDiff arrays ([kH, kW, in, out], which
 * is oneDNN's {@code hwio}) and reordered into each primitive's layout on every call, so in-place optimiser updates
 * are seen. FLOAT only. Not thread-safe.
 *
 * <p>oneDNN comes from JavaCPP's {@code dnnl} presets (a separate copy from the one linked into libnd4j; both share
 * libgomp, so {@code OMP_NUM_THREADS} sets the threads of both).
 */
final class OneDnnConvStage implements AutoCloseable {

    private static final String UNAVAILABLE = unavailableReason();

    private static dnnl_engine engine;

    /** One conv2d and the swish after it, if any. */
    private record Unit(String name, Layers.Conv2d conv, boolean swish, long[] in, long[] out) {
    }

    private record Exec(dnnl_primitive primitive, dnnl_exec_arg_t args, int count) {
    }

    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    /**
     * The native objects of one stage, released by {@link #close} or, for a stage that was never closed (an energy
     * dropped without closing), when the stage becomes unreachable.
     */
    private static final class NativeResources implements Runnable {
        final dnnl_stream stream = new dnnl_stream();
        final List<dnnl_primitive> primitives = new ArrayList<>();
        final List<dnnl_primitive_desc> descriptors = new ArrayList<>();
        final List<dnnl_memory> memories = new ArrayList<>();
        final List<Pointer> buffers = new ArrayList<>();
        boolean streamCreated;

        @Override
        public void run() {
            primitives.forEach(p -> dnnl_primitive_destroy(p));
            descriptors.forEach(pd -> dnnl_primitive_desc_destroy(pd));
            memories.forEach(m -> dnnl_memory_destroy(m));
            if (streamCreated) {
                dnnl_stream_destroy(stream);
            }
            buffers.forEach(Pointer::close);
        }
    }

    private final long n;
    private final Function<String, INDArray> parameters;
    private final List<Unit> units;
    private final NativeResources resources = new NativeResources();
    private final java.lang.ref.Cleaner.Cleanable cleanable = CLEANER.register(this, resources);
    private final dnnl_stream stream = resources.stream;
    private final List<Exec> forward = new ArrayList<>();
    private final List<Exec> backward = new ArrayList<>();
    private final List<Exec> backwardWithParameters = new ArrayList<>();
    private final List<dnnl_memory> weightMemories = new ArrayList<>();
    private final List<dnnl_memory> biasMemories = new ArrayList<>();
    private final List<dnnl_memory> weightGradientMemories = new ArrayList<>();
    private final List<dnnl_memory> biasGradientMemories = new ArrayList<>();
    private dnnl_memory input;
    private dnnl_memory output;
    private dnnl_memory delta;
    private dnnl_memory inputGradient;
    private boolean closed;

    /**
     * @return null if oneDNN's presets load and ND4J runs on the CPU (the primitives read ND4J's host buffers), else
     *     why not
     */
    static String unavailable() {
        return UNAVAILABLE;
    }

    private static String unavailableReason() {
        try {
            if (!Nd4j.getEnvironment().isCPU()) {
                return "ND4J's backend is not the CPU one";
            }
            Loader.load(dnnl.class);
            return null;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return "oneDNN (org.bytedeco:dnnl) did not load: " + e;
        }
    }

    private static synchronized dnnl_engine engine() {
        if (engine == null) {
            dnnl_engine e = new dnnl_engine();
            check(dnnl_engine_create(e, dnnl_cpu, 0), "creating the CPU engine");
            engine = e;
        }
        return engine;
    }

    /**
     * @return the number of layers the stage covers (up to, not including, the first flatten), or 0 if the layers
     *     before it are not conv2d, each optionally followed by one swish, with at least one conv2d
     */
    static int coveredLayers(List<SameDiffEnergy.LayerInfo> layers) {
        boolean afterConv = false;
        int convs = 0;
        for (int i = 0; i < layers.size(); i++) {
            Object l = layers.get(i).layer();
            if (l instanceof Layers.Flatten) {
                return convs > 0 ? i : 0;
            } else if (l instanceof Layers.Conv2d) {
                afterConv = true;
                convs++;
            } else if (l instanceof Layers.Swish && afterConv) {
                afterConv = false;
            } else {
                return 0;
            }
        }
        return 0;
    }

    /**
     * @param layers the energy's layers; the first {@link #coveredLayers} of them are built
     * @param sampleShape the input's per-sample shape [C, H, W]
     * @param n batch size
     * @param parameters a parameter's live array by variable name
     */
    OneDnnConvStage(List<SameDiffEnergy.LayerInfo> layers, long[] sampleShape, long n,
                    Function<String, INDArray> parameters) {
        if (UNAVAILABLE != null) {
            throw new IllegalStateException(UNAVAILABLE);
        }
        int covered = coveredLayers(layers);
        if (covered == 0) {
            throw new IllegalArgumentException("the layers do not start with conv2d [swish] blocks and a flatten");
        }
        this.n = n;
        this.parameters = parameters;
        this.units = new ArrayList<>();
        long[] in = sampleShape;
        for (int i = 0; i < covered; i++) {
            SameDiffEnergy.LayerInfo l = layers.get(i);
            if (l.layer() instanceof Layers.Conv2d c) {
                boolean swish = i + 1 < covered && layers.get(i + 1).layer() instanceof Layers.Swish;
                units.add(new Unit(l.name(), c, swish, in, l.shape()));
            }
            in = l.shape();
        }
        check(dnnl_stream_create(stream, engine(), dnnl_stream_default_flags), "creating a stream");
        resources.streamCreated = true;
        build();
    }

    /**
     * Creates the primitives. Every convolution picks its own layouts ({@code any}); where a producer's layout differs
     * from what its consumer picked, a reorder into a buffer of the consumer's layout is inserted.
     */
    private void build() {
        dnnl_memory_desc_t inMd = plain(batch(units.get(0).in()));
        input = memory(inMd, null);
        inputGradient = memory(inMd, null);
        dnnl_memory current = input;
        dnnl_memory_desc_t currentMd = inMd;
        // units run back to front in the backward pass: each unit's list is put in front of the later ones
        List<Exec> backwardUnits = new ArrayList<>();
        List<Exec> parameterUnits = new ArrayList<>();
        // where this unit's backward-data result must end up: the diff of the previous unit's output (or of x)
        dnnl_memory diffIn = inputGradient;
        dnnl_memory_desc_t diffInMd = inMd;
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            Layers.Conv2d c = u.conv();
            long[] strides = {c.stride(), c.stride()};
            long[] padL = {c.padding(), c.padding()};
            long[] padR = {
                (u.out()[1] - 1) * c.stride() + c.kernel() - u.in()[1] - c.padding(),
                (u.out()[2] - 1) * c.stride() + c.kernel() - u.in()[2] - c.padding()};
            long[] weightDims = {c.outChannels(), u.in()[0], c.kernel(), c.kernel()};
            dnnl_memory_desc_t weightsAny = any(weightDims);
            dnnl_memory_desc_t biasMd = tagged(new long[] {c.outChannels()}, dnnl_x);

            dnnl_convolution_desc_t fwdDesc = new dnnl_convolution_desc_t();
            check(dnnl_convolution_forward_desc_init(fwdDesc, dnnl_forward_training, dnnl_convolution_direct,
                    any(batch(u.in())), weightsAny, biasMd, any(batch(u.out())), strides, padL, padR),
                    u.name() + ": convolution");
            dnnl_primitive_desc fwdPd = descriptor(fwdDesc, null, u.name() + ": convolution");
            dnnl_memory_desc_t srcMd = dnnl_primitive_desc_query_md(fwdPd, dnnl_query_src_md, 0);
            dnnl_memory_desc_t dstMd = dnnl_primitive_desc_query_md(fwdPd, dnnl_query_dst_md, 0);
            dnnl_memory_desc_t fwdWeightsMd = dnnl_primitive_desc_query_md(fwdPd, dnnl_query_weights_md, 0);

            dnnl_memory_desc_t userWeightsMd = tagged(weightDims, dnnl_hwio);
            dnnl_memory userWeights = memory(userWeightsMd, null);
            weightMemories.add(userWeights);
            dnnl_memory bias = memory(biasMd, null);
            biasMemories.add(bias);
            dnnl_memory fwdWeights = memory(fwdWeightsMd, allocate(fwdWeightsMd));
            forward.add(reorder(userWeights, userWeightsMd, fwdWeights, fwdWeightsMd));
            dnnl_memory src = adapt(current, currentMd, srcMd, forward);
            dnnl_memory_desc_t convSrcMd = src == current ? currentMd : srcMd;
            dnnl_memory pre = memory(dstMd, allocate(dstMd));
            forward.add(exec(primitive(fwdPd), DNNL_ARG_SRC, src, DNNL_ARG_WEIGHTS, fwdWeights,
                    DNNL_ARG_BIAS, bias, DNNL_ARG_DST, pre));

            dnnl_convolution_desc_t bwdDesc = new dnnl_convolution_desc_t();
            check(dnnl_convolution_backward_data_desc_init(bwdDesc, dnnl_convolution_direct, any(batch(u.in())),
                    weightsAny, any(batch(u.out())), strides, padL, padR), u.name() + ": backward-data convolution");
            dnnl_primitive_desc bwdPd = descriptor(bwdDesc, fwdPd, u.name() + ": backward-data convolution");
            dnnl_memory_desc_t bwdWeightsMd = dnnl_primitive_desc_query_md(bwdPd, dnnl_query_weights_md, 0);
            dnnl_memory_desc_t bwdDiffSrcMd = dnnl_primitive_desc_query_md(bwdPd, dnnl_query_diff_src_md, 0);
            dnnl_memory_desc_t bwdDiffDstMd = dnnl_primitive_desc_query_md(bwdPd, dnnl_query_diff_dst_md, 0);
            dnnl_memory bwdWeights = memory(bwdWeightsMd, allocate(bwdWeightsMd));
            List<Exec> unitBackward = new ArrayList<>();
            Exec bwdWeightsReorder = reorder(userWeights, userWeightsMd, bwdWeights, bwdWeightsMd);
            unitBackward.add(bwdWeightsReorder);
            dnnl_memory outDiff = memory(dstMd, allocate(dstMd));
            dnnl_memory preDiff = outDiff;
            dnnl_memory out = pre;
            if (u.swish()) {
                dnnl_eltwise_desc_t swishDesc = new dnnl_eltwise_desc_t();
                check(dnnl_eltwise_forward_desc_init(swishDesc, dnnl_forward_training, dnnl_eltwise_swish, dstMd,
                        1f, 0f), u.name() + ": swish");
                dnnl_primitive_desc swishPd = descriptor(swishDesc, null, u.name() + ": swish");
                out = memory(dstMd, allocate(dstMd));
                forward.add(exec(primitive(swishPd), DNNL_ARG_SRC, pre, DNNL_ARG_DST, out));
                dnnl_eltwise_desc_t swishBwdDesc = new dnnl_eltwise_desc_t();
                check(dnnl_eltwise_backward_desc_init(swishBwdDesc, dnnl_eltwise_swish, dstMd, dstMd, 1f, 0f),
                        u.name() + ": swish backward");
                dnnl_primitive_desc swishBwdPd = descriptor(swishBwdDesc, swishPd, u.name() + ": swish backward");
                preDiff = memory(dstMd, allocate(dstMd));
                unitBackward.add(exec(primitive(swishBwdPd), DNNL_ARG_SRC, pre, DNNL_ARG_DIFF_DST, outDiff,
                        DNNL_ARG_DIFF_SRC, preDiff));
            }
            // the parameter pass shares the swish backward, adds weight and bias gradients, and needs no ∂E/∂x
            List<Exec> unitParameters = new ArrayList<>(unitBackward.subList(i == 0 ? 1 : 0, unitBackward.size()));
            dnnl_convolution_desc_t bwdWDesc = new dnnl_convolution_desc_t();
            check(dnnl_convolution_backward_weights_desc_init(bwdWDesc, dnnl_convolution_direct, any(batch(u.in())),
                    weightsAny, biasMd, any(batch(u.out())), strides, padL, padR),
                    u.name() + ": backward-weights convolution");
            dnnl_primitive_desc bwdWPd = descriptor(bwdWDesc, fwdPd, u.name() + ": backward-weights convolution");
            dnnl_memory_desc_t bwdWSrcMd = dnnl_primitive_desc_query_md(bwdWPd, dnnl_query_src_md, 0);
            dnnl_memory_desc_t bwdWDiffDstMd = dnnl_primitive_desc_query_md(bwdWPd, dnnl_query_diff_dst_md, 0);
            dnnl_memory_desc_t diffWeightsMd = dnnl_primitive_desc_query_md(bwdWPd, dnnl_query_diff_weights_md, 0);
            dnnl_memory weightGradient = memory(userWeightsMd, null);
            weightGradientMemories.add(weightGradient);
            dnnl_memory biasGradient = memory(biasMd, null);
            biasGradientMemories.add(biasGradient);
            List<Exec> srcReorder = new ArrayList<>();
            dnnl_memory wSrc = adapt(src, convSrcMd, bwdWSrcMd, srcReorder);
            unitParameters.addAll(0, srcReorder);
            dnnl_memory wDiffDst = adapt(preDiff, dstMd, bwdWDiffDstMd, unitParameters);
            boolean plainDiffWeights = dnnl_memory_desc_equal(diffWeightsMd, userWeightsMd) != 0;
            dnnl_memory diffWeights = plainDiffWeights ? weightGradient
                    : memory(diffWeightsMd, allocate(diffWeightsMd));
            unitParameters.add(exec(primitive(bwdWPd), DNNL_ARG_SRC, wSrc, DNNL_ARG_DIFF_DST, wDiffDst,
                    DNNL_ARG_DIFF_WEIGHTS, diffWeights, DNNL_ARG_DIFF_BIAS, biasGradient));
            if (!plainDiffWeights) {
                unitParameters.add(reorder(diffWeights, diffWeightsMd, weightGradient, userWeightsMd));
            }
            dnnl_memory convDiffDst = adapt(preDiff, dstMd, bwdDiffDstMd, unitBackward);
            boolean direct = dnnl_memory_desc_equal(bwdDiffSrcMd, diffInMd) != 0;
            dnnl_memory convDiffSrc = direct ? diffIn : memory(bwdDiffSrcMd, allocate(bwdDiffSrcMd));
            unitBackward.add(exec(primitive(bwdPd), DNNL_ARG_DIFF_DST, convDiffDst, DNNL_ARG_WEIGHTS, bwdWeights,
                    DNNL_ARG_DIFF_SRC, convDiffSrc));
            if (!direct) {
                unitBackward.add(reorder(convDiffSrc, bwdDiffSrcMd, diffIn, diffInMd));
            }
            if (i > 0) {
                int from = unitBackward.indexOf(bwdWeightsReorder) + (u.swish() ? 2 : 1);
                unitParameters.addAll(unitBackward.subList(from, unitBackward.size()));
            }
            backwardUnits.addAll(0, unitBackward);
            parameterUnits.addAll(0, unitParameters);
            diffIn = outDiff;
            diffInMd = dstMd;
            current = out;
            currentMd = dstMd;
        }
        dnnl_memory_desc_t outMd = plain(batch(units.get(units.size() - 1).out()));
        output = memory(outMd, null);
        forward.add(reorder(current, currentMd, output, outMd));
        delta = memory(outMd, null);
        Exec deltaReorder = reorder(delta, outMd, diffIn, diffInMd);
        backward.add(deltaReorder);
        backward.addAll(backwardUnits);
        backwardWithParameters.add(deltaReorder);
        backwardWithParameters.addAll(parameterUnits);
    }

    /** @return {@code m} if its layout is {@code wanted}, else a new buffer of that layout filled by a reorder in list */
    private dnnl_memory adapt(dnnl_memory m, dnnl_memory_desc_t md, dnnl_memory_desc_t wanted, List<Exec> list) {
        if (dnnl_memory_desc_equal(md, wanted) != 0) {
            return m;
        }
        dnnl_memory copy = memory(wanted, allocate(wanted));
        list.add(reorder(m, md, copy, wanted));
        return copy;
    }

    /** @return the per-sample shape of the flattened output, [C·H·W] of the last covered layer */
    long outputFeatures() {
        long[] s = units.get(units.size() - 1).out();
        return s[0] * s[1] * s[2];
    }

    /**
     * @param x dense C-order FLOAT input {@code [n, C, H, W]}, not a view
     * @param out dense C-order FLOAT {@code [n, C'·H'·W']}: the flattened output of the last covered layer
     */
    void forward(INDArray x, INDArray out) {
        checkOpen();
        bind(input, x, "x");
        bind(output, out, "output");
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            bind(weightMemories.get(i), parameters.apply(u.name() + ".weight"), u.name() + ".weight");
            bind(biasMemories.get(i), parameters.apply(u.name() + ".bias"), u.name() + ".bias");
        }
        run(forward);
    }

    /**
     * Must follow {@link #forward} on the same input, with unchanged parameters.
     *
     * @param outputDiff ∂E/∂(flattened output), dense C-order FLOAT {@code [n, C'·H'·W']}
     * @param gradient receives ∂E/∂x, dense C-order FLOAT {@code [n, C, H, W]}
     */
    void backward(INDArray outputDiff, INDArray gradient) {
        checkOpen();
        bind(delta, outputDiff, "delta");
        bind(inputGradient, gradient, "gradient");
        run(backward);
    }

    /**
     * Must follow {@link #forward} on the same input, with unchanged parameters. Writes each covered layer's
     * Σᵢ ∂E/∂θ (weights in the SameDiff layout [kH, kW, in, out]) and computes no ∂E/∂x.
     *
     * @param outputDiff ∂E/∂(flattened output), dense C-order FLOAT {@code [n, C'·H'·W']}
     * @param gradients a layer's gradient array by parameter variable name ({@code convN.weight}, {@code convN.bias})
     */
    void backwardParameters(INDArray outputDiff, Function<String, INDArray> gradients) {
        checkOpen();
        bind(delta, outputDiff, "delta");
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            bind(weightGradientMemories.get(i), gradients.apply(u.name() + ".weight"), u.name() + ".weight gradient");
            bind(biasGradientMemories.get(i), gradients.apply(u.name() + ".bias"), u.name() + ".bias gradient");
        }
        run(backwardWithParameters);
    }

    private void run(List<Exec> execs) {
        for (Exec e : execs) {
            check(dnnl_primitive_execute(e.primitive(), stream, e.count(), e.args()), "executing a primitive");
        }
        check(dnnl_stream_wait(stream), "waiting for the stream");
    }

    private void bind(dnnl_memory memory, INDArray a, String what) {
        if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.isView()) {
            throw new IllegalArgumentException(what + " is " + a.dataType() + " order " + a.ordering()
                    + (a.isView() ? " (a view)" : "") + "; the oneDNN path expects a dense C-order FLOAT array");
        }
        Pointer p = new FloatPointer(a.data().addressPointer()).position(a.offset());
        check(dnnl_memory_set_data_handle(memory, p), "binding " + what);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the oneDNN stage for batch " + n + " is closed");
        }
    }

    private long[] batch(long[] sample) {
        return new long[] {n, sample[0], sample[1], sample[2]};
    }

    private static dnnl_memory_desc_t plain(long[] dims) {
        return tagged(dims, dnnl_nchw);
    }

    private static dnnl_memory_desc_t any(long[] dims) {
        return tagged(dims, dnnl_format_tag_any);
    }

    private static dnnl_memory_desc_t tagged(long[] dims, int tag) {
        dnnl_memory_desc_t md = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(md, dims.length, dims, dnnl_f32, tag), "a memory descriptor");
        return md;
    }

    private Pointer allocate(dnnl_memory_desc_t md) {
        BytePointer p = new BytePointer(dnnl_memory_desc_get_size(md));
        resources.buffers.add(p);
        return p;
    }

    /** A memory object over {@code data}, or without data (bound to an ND4J array before each use) if null. */
    private dnnl_memory memory(dnnl_memory_desc_t md, Pointer data) {
        dnnl_memory m = new dnnl_memory();
        check(dnnl_memory_create(m, md, engine(), data), "creating a memory object");
        resources.memories.add(m);
        return m;
    }

    private dnnl_primitive_desc descriptor(Pointer opDesc, dnnl_primitive_desc hint, String what) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(opDesc), null, engine(), hint), what);
        resources.descriptors.add(pd);
        return pd;
    }

    private dnnl_primitive primitive(dnnl_primitive_desc pd) {
        dnnl_primitive p = new dnnl_primitive();
        check(dnnl_primitive_create(p, pd), "creating a primitive");
        resources.primitives.add(p);
        return p;
    }

    private Exec reorder(dnnl_memory from, dnnl_memory_desc_t fromMd, dnnl_memory to, dnnl_memory_desc_t toMd) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        check(dnnl_reorder_primitive_desc_create(pd, fromMd, engine(), toMd, engine(), null), "a reorder");
        resources.descriptors.add(pd);
        return exec(primitive(pd), DNNL_ARG_FROM, from, DNNL_ARG_TO, to);
    }

    /** @param argsAndMemories pairs of (DNNL_ARG_*, memory) */
    private static Exec exec(dnnl_primitive p, Object... argsAndMemories) {
        int count = argsAndMemories.length / 2;
        dnnl_exec_arg_t args = new dnnl_exec_arg_t(count);
        for (int i = 0; i < count; i++) {
            args.position(i).arg((Integer) argsAndMemories[2 * i]).memory((dnnl_memory) argsAndMemories[2 * i + 1]);
        }
        args.position(0);
        return new Exec(p, args, count);
    }

    private static void check(int status, String what) {
        if (status != dnnl_success) {
            throw new IllegalStateException("oneDNN: " + what + " failed with status " + status);
        }
    }

    @Override
    public void close() {
        closed = true;
        cleanable.clean();
    }
}
