package org.ebm4j.nn.torch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.nn.architecture.ConvSwish;
import org.ebm4j.nn.samediff.SameDiffEnergy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Imports the parameters of the PyTorch reference conv EBM ({@code cnn(hidden)} of {@code torch_conv_ebm.py}) into
 * a {@code conv-swish} energy of the same width, from the directory of {@code .npy} files written by
 * {@code ebm-nn/scripts/export_torch_weights.py}.
 *
 * <p>Mapping (PyTorch {@code nn.Sequential} index → ebm4j parameter):
 * <ul>
 *   <li>{@code 0, 2, 4, 6} ({@code Conv2d}) → {@code conv1..conv4}: weight {@code [out, in, kh, kw]} is permuted to
 *       SameDiff's {@code [kh, kw, in, out]}; bias unchanged;</li>
 *   <li>{@code 9} ({@code Linear}) → {@code dense1}: weight {@code [out, in]} transposed to {@code [in, out]}
 *       (both flatten NCHW activations in C order, so the input index order agrees);</li>
 *   <li>{@code 11} ({@code Linear}) → {@code dense2}: transposed and <b>negated</b>, weight and bias, because the
 *       reference's network outputs −E while ours outputs E.</li>
 * </ul>
 */
public final class TorchConvSwishWeights {

    private static final String[][] MAPPING = {
        {"0", "conv1"}, {"2", "conv2"}, {"4", "conv3"}, {"6", "conv4"}, {"9", "dense1"}, {"11", "dense2"}};

    private TorchConvSwishWeights() {
    }

    /**
     * Reads {@code <torch name>.npy} files from {@code directory} and writes them into {@code energy}'s parameters.
     *
     * @throws IllegalArgumentException if {@code energy} is not a conv-swish net or a shape disagrees (naming both)
     * @throws IOException if a file is missing or unreadable
     */
    public static void load(SameDiffEnergy energy, Path directory) throws IOException {
        if (!ConvSwish.NAME.equals(energy.name())) {
            throw new IllegalArgumentException("energy is '" + energy.name() + "'; expected a " + ConvSwish.NAME
                    + " energy (the PyTorch reference's architecture)");
        }
        Map<String, INDArray> torch = new LinkedHashMap<>();
        for (String[] pair : MAPPING) {
            for (String kind : new String[] {"weight", "bias"}) {
                Path file = directory.resolve(pair[0] + "." + kind + ".npy");
                if (!Files.isRegularFile(file)) {
                    throw new IOException("missing " + file + " (export the state dict with"
                            + " ebm-nn/scripts/export_torch_weights.py)");
                }
                torch.put(pair[0] + "." + kind, Nd4j.createFromNpyFile(file.toFile()));
            }
        }
        Map<String, INDArray> converted = convert(torch);
        Map<String, INDArray> live = energy.parameters();
        for (Map.Entry<String, INDArray> e : converted.entrySet()) {
            INDArray target = live.get(e.getKey());
            if (!Arrays.equals(target.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("PyTorch parameter for " + e.getKey() + " has shape (after layout"
                        + " conversion) " + Arrays.toString(e.getValue().shape()) + "; this energy expects "
                        + Arrays.toString(target.shape()) + " (is the export of another width?)");
            }
        }
        converted.forEach((name, value) -> live.get(name).assign(value.castTo(energy.dataType())));
    }

    /**
     * Converts a PyTorch state dict of the reference net (names "0.weight" … "11.bias") to ebm4j names and layouts.
     */
    public static Map<String, INDArray> convert(Map<String, INDArray> torch) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String[] pair : MAPPING) {
            INDArray w = require(torch, pair[0] + ".weight");
            INDArray b = require(torch, pair[0] + ".bias");
            boolean conv = pair[1].startsWith("conv");
            INDArray weight = conv ? convWeight(w) : denseWeight(w);
            INDArray bias = b.dup();
            if (pair[1].equals("dense2")) {
                weight.negi();
                bias.negi();
            }
            out.put(pair[1] + ".weight", weight);
            out.put(pair[1] + ".bias", bias);
        }
        return out;
    }

    /** @return PyTorch conv weight {@code [out, in, kh, kw]} as SameDiff's {@code [kh, kw, in, out]}, a C-order copy. */
    public static INDArray convWeight(INDArray torchWeight) {
        if (torchWeight.rank() != 4) {
            throw new IllegalArgumentException("conv weight has shape " + Arrays.toString(torchWeight.shape())
                    + "; expected [out, in, kh, kw]");
        }
        return torchWeight.permute(2, 3, 1, 0).dup('c');
    }

    /** @return PyTorch linear weight {@code [out, in]} as {@code [in, out]}, a C-order copy. */
    public static INDArray denseWeight(INDArray torchWeight) {
        if (torchWeight.rank() != 2) {
            throw new IllegalArgumentException("linear weight has shape " + Arrays.toString(torchWeight.shape())
                    + "; expected [out, in]");
        }
        return torchWeight.transpose().dup('c');
    }

    private static INDArray require(Map<String, INDArray> torch, String name) {
        INDArray a = torch.get(name);
        if (a == null) {
            throw new IllegalArgumentException("PyTorch state dict has no '" + name + "'; it has " + torch.keySet());
        }
        return a;
    }
}
