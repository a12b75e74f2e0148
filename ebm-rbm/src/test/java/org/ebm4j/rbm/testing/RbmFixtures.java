package org.ebm4j.rbm.testing;

import java.util.SplittableRandom;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Small RBMs and binary data sets with known structure. */
public final class RbmFixtures {

    private RbmFixtures() {
    }

    /** @return a double-precision RBM with W ~ N(0, weightStd²) and biases ~ N(0, biasStd²). */
    public static BernoulliRbm randomRbm(int visible, int hidden, double weightStd, double biasStd, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new BernoulliRbm(gaussian(rng, weightStd, visible, hidden), gaussian(rng, biasStd, visible),
                gaussian(rng, biasStd, hidden));
    }

    private static INDArray gaussian(SplittableRandom rng, double std, long... shape) {
        int n = 1;
        for (long s : shape) {
            n *= (int) s;
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = std * gaussian(rng);
        }
        return Nd4j.create(values, shape, DataType.DOUBLE);
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * Noisy copies of {@code prototypes} binary patterns of {@code visible} bits, each bit flipped with probability
     * {@code flip}.
     *
     * @return shape {@code [n, visible]}, double
     */
    public static INDArray prototypeData(int n, int visible, int prototypes, double flip, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] protos = new double[prototypes][visible];
        for (double[] p : protos) {
            for (int i = 0; i < visible; i++) {
                p[i] = rng.nextBoolean() ? 1 : 0;
            }
        }
        double[] rows = new double[n * visible];
        for (int r = 0; r < n; r++) {
            double[] p = protos[rng.nextInt(prototypes)];
            for (int i = 0; i < visible; i++) {
                rows[r * visible + i] = rng.nextDouble() < flip ? 1 - p[i] : p[i];
            }
        }
        return Nd4j.create(rows, new long[] {n, visible}, DataType.DOUBLE);
    }

    /**
     * Two maximally distant modes: noisy copies of 1010… and 0101…, each bit flipped with probability {@code flip}.
     * The generating distribution's mean log-likelihood is −(log 2 + visible · H(flip)) nats (H the binary entropy),
     * up to the negligible overlap of the modes; Gibbs chains of a model fitting it rarely cross between them.
     *
     * @return shape {@code [n, visible]}, double
     */
    public static INDArray twoModeData(int n, int visible, double flip, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] rows = new double[n * visible];
        for (int r = 0; r < n; r++) {
            boolean evenOn = rng.nextBoolean();
            for (int i = 0; i < visible; i++) {
                double bit = (i % 2 == 0) == evenOn ? 1 : 0;
                rows[r * visible + i] = rng.nextDouble() < flip ? 1 - bit : bit;
            }
        }
        return Nd4j.create(rows, new long[] {n, visible}, DataType.DOUBLE);
    }

    /** @return a key for tests. */
    public static RandomKey key(long seed) {
        return RandomKey.of(seed);
    }
}
