package org.ebm4j.training.buffer;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ebm4j.api.random.RandomKey;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fresh chain starts of replay buffers: independent U(low, high) per coordinate, and the Binomial(n, p) count of
 * fresh starts in a draw of n.
 *
 * @param sampleShape shape of one state
 * @param low lower bound
 * @param high upper bound, {@code > low}
 * @param dataType element type
 */
record NoiseSource(long[] sampleShape, double low, double high, DataType dataType) {

    NoiseSource {
        sampleShape = sampleShape.clone();
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("replay buffer noise: low = " + low + ", high = " + high
                    + "; expected finite low < high");
        }
    }

    /** @return {@code n} fresh states, shape {@code [n, ...sampleShape]}. */
    INDArray uniform(int n, RandomKey key) {
        INDArray x = Nd4j.createUninitialized(dataType, batchShape(n));
        if (n == 0) {
            return x;
        }
        try (Random rng = key.nd4jRandom()) {
            Nd4j.getExecutioner().exec(new UniformDistribution(x, low, high), rng);
        } catch (Exception e) {
            throw new IllegalStateException("closing the native random generator failed", e);
        }
        return x;
    }

    /** @return a Binomial(n, p) draw, as the sum of n Bernoulli(p) trials. */
    static int binomial(int n, double p, SplittableRandom rng) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (rng.nextDouble() < p) {
                count++;
            }
        }
        return count;
    }

    /** @return {@code [n, ...sampleShape]}. */
    long[] batchShape(long n) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = n;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return shape;
    }

    /** @return the number of scalars in one state. */
    long dimension() {
        long d = 1;
        for (long s : sampleShape) {
            d *= s;
        }
        return d;
    }

    /** @throws IllegalArgumentException unless {@code samples} has shape {@code [k, ...sampleShape]} */
    void checkSamples(String buffer, INDArray samples) {
        boolean ok = samples != null && samples.rank() == sampleShape.length + 1
                && Arrays.equals(Arrays.copyOfRange(samples.shape(), 1, samples.rank()), sampleShape);
        if (!ok) {
            throw new IllegalArgumentException(buffer + ": samples have shape "
                    + (samples == null ? "null" : Arrays.toString(samples.shape())) + "; expected "
                    + org.ebm4j.api.config.Checks.batchShape(sampleShape));
        }
    }

    /** @param fraction fresh fraction, checked to lie in [0, 1] */
    static double checkFraction(double fraction) {
        return org.ebm4j.api.config.Checks.inRange("fresh", fraction, 0, 1);
    }
}
