package org.ebm4j.sampling.chains;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.random.RandomKey;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ReplaceNans;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Whole-batch operations on chain arrays of shape {@code [n, ...]}: each is a handful of native ops over all chains,
 * never a loop over chains. Arrays are assumed to be C-ordered and not views of larger arrays (kernels create their
 * buffers themselves), so {@link #rows} is a view.
 */
public final class ChainArrays {

    private ChainArrays() {
    }

    /** @return a {@code [n, d]} view of {@code x} of shape {@code [n, ...]} with d the product of the rest. */
    public static INDArray rows(INDArray x) {
        long n = x.size(0);
        return x.rank() == 2 ? x : x.reshape('c', n, x.length() / n);
    }

    /** Values generated in Java per copy into native memory. */
    private static final int GAUSSIAN_CHUNK = 1 << 14;

    /**
     * Fills {@code out} with independent N(0, std²) draws from {@code key}. A dense C-order FLOAT or DOUBLE array is
     * filled from Java ({@link java.util.SplittableRandom}'s ziggurat {@code nextGaussian}, copied into the native
     * buffer in chunks), about four times faster than libnd4j's Box–Muller op, which fills any other array.
     */
    public static INDArray fillGaussian(INDArray out, double std, RandomKey key) {
        if (!out.isView() && out.ordering() == 'c' && out.offset() == 0
                && (out.dataType() == DataType.FLOAT || out.dataType() == DataType.DOUBLE)) {
            fillGaussianFromJava(out, std, key.javaRandom());
            return out;
        }
        try (Random rng = key.nd4jRandom()) {
            Nd4j.getExecutioner().exec(new GaussianDistribution(out, 0.0, std), rng);
        } catch (Exception e) {
            throw new IllegalStateException("closing the native random generator failed", e);
        }
        return out;
    }

    private static void fillGaussianFromJava(INDArray out, double std, java.util.SplittableRandom random) {
        long n = out.length();
        if (out.dataType() == DataType.FLOAT) {
            FloatPointer target = new FloatPointer(out.data().addressPointer());
            float[] chunk = new float[(int) Math.min(n, GAUSSIAN_CHUNK)];
            for (long done = 0; done < n; done += chunk.length) {
                int len = (int) Math.min(chunk.length, n - done);
                for (int i = 0; i < len; i++) {
                    chunk[i] = (float) (std * random.nextGaussian());
                }
                target.position(done).put(chunk, 0, len);
            }
        } else {
            DoublePointer target = new DoublePointer(out.data().addressPointer());
            double[] chunk = new double[(int) Math.min(n, GAUSSIAN_CHUNK)];
            for (long done = 0; done < n; done += chunk.length) {
                int len = (int) Math.min(chunk.length, n - done);
                for (int i = 0; i < len; i++) {
                    chunk[i] = std * random.nextGaussian();
                }
                target.position(done).put(chunk, 0, len);
            }
        }
    }

    /** Fills {@code out} with independent U(0, 1) draws from {@code key}. */
    public static INDArray fillUniform(INDArray out, RandomKey key) {
        try (Random rng = key.nd4jRandom()) {
            Nd4j.getExecutioner().exec(new UniformDistribution(out, 0.0, 1.0), rng);
        } catch (Exception e) {
            throw new IllegalStateException("closing the native random generator failed", e);
        }
        return out;
    }

    /** Clamps every entry of {@code x} to {@code [low, high]} in place; infinite bounds are skipped. */
    public static INDArray clampInPlace(INDArray x, double low, double high) {
        if (low > Double.NEGATIVE_INFINITY) {
            Transforms.max(x, low, false);
        }
        if (high < Double.POSITIVE_INFINITY) {
            Transforms.min(x, high, false);
        }
        return x;
    }

    /** @return the mean over chains of the Euclidean norm of each chain's row of {@code x}. */
    public static double meanRowNorm(INDArray x) {
        return rows(x).norm2(1).meanNumber().doubleValue();
    }

    /** @return the squared Euclidean norm of each chain's row, shape {@code [n]} (a new array). */
    public static INDArray rowSquaredNorms(INDArray x) {
        INDArray r = rows(x);
        return r.mul(r).sum(1);
    }

    /**
     * Where {@code accept[i] == 1}, replaces row i of {@code target} by row i of {@code proposal}; rows with
     * {@code accept[i] == 0} are kept even when the proposal's row holds NaN or Inf (a diverged proposal).
     *
     * @param target shape {@code [n, ...]}, updated in place
     * @param proposal same shape; used as scratch (overwritten)
     * @param accept shape {@code [n]}, entries 0 or 1, same data type
     */
    public static void blendRows(INDArray target, INDArray proposal, INDArray accept) {
        if (target.rank() == 1) {
            INDArray diff = proposal.subi(target).muli(accept);
            Nd4j.getExecutioner().exec(new ReplaceNans(diff, 0.0));
            target.addi(diff);
            return;
        }
        INDArray diff = rows(proposal).subi(rows(target)).muliColumnVector(accept.reshape(accept.length(), 1));
        // 0 * NaN and 0 * Inf are NaN: the rejected rows of a diverged proposal must contribute nothing.
        Nd4j.getExecutioner().exec(new ReplaceNans(diff, 0.0));
        rows(target).addi(diff);
    }

    /** {@code y ← y + alpha·x} in place (BLAS axpy); x and y have the same shape and data type. */
    public static INDArray axpy(double alpha, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().axpy(x.length(), alpha, x, y);
        return y;
    }

    /**
     * Checks shape, floating type and finiteness of a kernel's initial positions.
     *
     * @return {@code position}, or a C-ordered copy if it was a view or F-ordered
     * @throws IllegalArgumentException naming "position", for a wrong shape, an integer type or non-finite entries
     */
    public static INDArray checkedPosition(EnergyFunction energy, INDArray position) {
        energy.checkBatch("position", position);
        if (!position.dataType().isFPType()) {
            throw new IllegalArgumentException("position has data type " + position.dataType()
                    + "; expected a floating-point type (FLOAT or DOUBLE)");
        }
        Checks.finite("position", position);
        return position.isView() || position.ordering() != 'c' ? position.dup('c') : position;
    }
}
