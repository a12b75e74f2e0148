package org.ebm4j.rbm.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads the parameters of a scikit-learn {@code BernoulliRBM} saved as NumPy {@code .npy} files, as
 * {@code shared/baselines/sklearn_rbm.py} writes them:
 *
 * <ul>
 *   <li>{@code W.npy}: {@code components_}, shape {@code [H, V]} (sklearn's layout, transposed here to
 *       ebm4j's {@code [V, H]});</li>
 *   <li>{@code b_visible.npy}: {@code intercept_visible_}, shape {@code [V]};</li>
 *   <li>{@code b_hidden.npy}: {@code intercept_hidden_}, shape {@code [H]}.</li>
 * </ul>
 *
 * sklearn's energy E(v, h) = −vᵀWᵀh − bᵀv − cᵀh is the same model, so free energies and log-likelihoods agree.
 */
public final class SklearnNpyParameters {

    private SklearnNpyParameters() {
    }

    /**
     * @param directory the folder holding the three files
     * @param dataType FLOAT or DOUBLE for the returned model (the files are usually float64)
     * @throws IOException if a file is missing or unreadable
     * @throws IllegalArgumentException if the shapes do not fit together
     */
    public static BernoulliRbm load(Path directory, DataType dataType) throws IOException {
        INDArray components = read(directory, "W");
        INDArray visibleBias = read(directory, "b_visible");
        INDArray hiddenBias = read(directory, "b_hidden");
        if (components.rank() != 2 || components.size(0) != hiddenBias.length()
                || components.size(1) != visibleBias.length()) {
            throw new IllegalArgumentException("W.npy has shape " + Arrays.toString(components.shape())
                    + ", b_visible.npy " + Arrays.toString(visibleBias.shape()) + ", b_hidden.npy "
                    + Arrays.toString(hiddenBias.shape()) + "; expected sklearn's components_ [hidden, visible] = ["
                    + hiddenBias.length() + ", " + visibleBias.length() + "]");
        }
        return new BernoulliRbm(components.transpose().castTo(dataType).dup('c'),
                visibleBias.castTo(dataType).reshape(visibleBias.length()).dup(),
                hiddenBias.castTo(dataType).reshape(hiddenBias.length()).dup());
    }

    private static INDArray read(Path directory, String name) throws IOException {
        Path file = directory.resolve(name + ".npy");
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file: " + file + " (expected W.npy, b_visible.npy and b_hidden.npy as "
                    + "written by sklearn_rbm.py)");
        }
        try {
            return NpyFile.read(file);
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a readable .npy file: " + e.getMessage(), e);
        }
    }
}
