package org.ebm4j.nn.samediff;

import java.util.Arrays;
import org.ebm4j.api.config.Checks;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/** The built-in layers of {@link SameDiffEnergyBuilder}. */
public final class Layers {

    private Layers() {
    }

    /**
     * 2-D convolution on NCHW activations with explicit zero padding, like {@code torch.nn.Conv2d(in, out, kernel,
     * stride, padding)}. Parameters: {@code weight} of shape {@code [kernel, kernel, in, out]} (SameDiff's YXIO
     * layout; PyTorch stores {@code [out, in, kernel, kernel]}) and {@code bias} {@code [out]}.
     * Output size per spatial axis: ⌊(size + 2·padding − kernel) / stride⌋ + 1.
     */
    public record Conv2d(int outChannels, int kernel, int stride, int padding) implements Layer {

        public Conv2d {
            Checks.positive("conv2d outChannels", outChannels);
            Checks.positive("conv2d kernel", kernel);
            Checks.positive("conv2d stride", stride);
            if (padding < 0) {
                throw new IllegalArgumentException("conv2d padding = " + padding + "; expected >= 0");
            }
        }

        @Override
        public long[] outputShape(long[] in) {
            if (in.length != 3) {
                throw new IllegalArgumentException("conv2d needs an input of shape [channels, height, width]; got "
                        + Arrays.toString(in) + " (add the convolutions before flatten)");
            }
            long h = outSize(in[1]);
            long w = outSize(in[2]);
            if (h < 1 || w < 1) {
                throw new IllegalArgumentException(describe() + " on input " + Arrays.toString(in)
                        + " leaves no output; expected height and width >= " + (kernel - 2 * padding));
            }
            return new long[] {outChannels, h, w};
        }

        private long outSize(long size) {
            long span = size + 2L * padding - kernel;
            return span < 0 ? 0 : span / stride + 1;
        }

        @Override
        public SDVariable apply(LayerContext ctx, SDVariable input, long[] in) {
            long fanIn = in[0] * kernel * kernel;
            SDVariable weight = ctx.parameter("weight", fanIn, kernel, kernel, in[0], outChannels);
            SDVariable bias = ctx.parameter("bias", fanIn, outChannels);
            Conv2DConfig config = Conv2DConfig.builder()
                    .kH(kernel).kW(kernel).sH(stride).sW(stride).pH(padding).pW(padding).dH(1).dW(1)
                    .paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.YXIO)
                    .build();
            return ctx.graph().cnn().conv2d(ctx.name("out"), input, weight, bias, config);
        }

        @Override
        public String describe() {
            return "conv" + kernel + "x" + kernel + "/s" + stride + "/p" + padding + "→" + outChannels;
        }

        @Override
        public String kind() {
            return "conv";
        }
    }

    /**
     * Fully connected layer y = x·W + b, like {@code torch.nn.Linear(in, out)}. Parameters: {@code weight}
     * {@code [in, out]} (the transpose of PyTorch's {@code [out, in]}) and {@code bias} {@code [out]}.
     */
    public record Dense(int outFeatures) implements Layer {

        public Dense {
            Checks.positive("dense outFeatures", outFeatures);
        }

        @Override
        public long[] outputShape(long[] in) {
            if (in.length != 1) {
                throw new IllegalArgumentException("dense needs an input of shape [features]; got "
                        + Arrays.toString(in) + " (add flatten after the convolutions)");
            }
            return new long[] {outFeatures};
        }

        @Override
        public SDVariable apply(LayerContext ctx, SDVariable input, long[] in) {
            SDVariable weight = ctx.parameter("weight", in[0], in[0], outFeatures);
            SDVariable bias = ctx.parameter("bias", in[0], outFeatures);
            return ctx.graph().nn().linear(ctx.name("out"), input, weight, bias);
        }

        @Override
        public String describe() {
            return "dense→" + outFeatures;
        }

        @Override
        public String kind() {
            return "dense";
        }
    }

    /** Swish (SiLU), x·σ(x) (Ramachandran et al. 2017), element-wise; keeps the shape. */
    public record Swish() implements Layer {
        @Override
        public long[] outputShape(long[] in) {
            return in.clone();
        }

        @Override
        public SDVariable apply(LayerContext ctx, SDVariable input, long[] in) {
            return ctx.graph().nn().swish(ctx.name("out"), input);
        }

        @Override
        public String describe() {
            return "swish";
        }

        @Override
        public String kind() {
            return "swish";
        }
    }

    /**
     * Flattens {@code [c, h, w]} to {@code [c·h·w]} in C order (channel slowest), the order of
     * {@code torch.nn.Flatten} on NCHW tensors, so dense weights of both frameworks correspond.
     */
    public record Flatten() implements Layer {
        @Override
        public long[] outputShape(long[] in) {
            return new long[] {Arrays.stream(in).reduce(1, (a, b) -> a * b)};
        }

        @Override
        public SDVariable apply(LayerContext ctx, SDVariable input, long[] in) {
            return ctx.graph().reshape(ctx.name("out"), input, -1, outputShape(in)[0]);
        }

        @Override
        public String describe() {
            return "flatten";
        }

        @Override
        public String kind() {
            return "flatten";
        }
    }
}
