package org.ebm4j.training.buffer;

import java.util.SplittableRandom;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.training.ReplayBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The replay buffer of the reference recipe for short-run EBM training (Du &amp; Mordatch 2019): a list of earlier
 * negative samples, newest first, at most {@code maxLength} long.
 *
 * <p>A draw of n: the number of fresh starts is k ~ Binomial(n, fresh); the first k rows are fresh U(low, high)
 * states and the other n − k are drawn uniformly with replacement from the stored samples (all n are fresh while the
 * buffer is empty). {@link #add} puts the sampler's results at the front, in their order, and truncates the list to
 * {@code maxLength}, dropping the oldest.
 *
 * <p>Storage is one preallocated ring of {@code maxLength} rows, so adding costs a copy of the new rows only.
 */
public final class SeedReplayBuffer implements ReplayBuffer {

    private final NoiseSource noise;
    private final int maxLength;
    private final double fresh;
    private INDArray ring; // [maxLength, d], allocated on first add
    private int head;      // ring row of the newest sample
    private int size;

    /**
     * @param sampleShape shape of one state
     * @param maxLength most samples kept (the recipe: 8192)
     * @param fresh probability that a chain starts from fresh noise (the recipe: 0.05), in [0, 1]
     * @param low lower bound of the fresh noise
     * @param high upper bound of the fresh noise
     * @param dataType element type
     */
    public SeedReplayBuffer(long[] sampleShape, int maxLength, double fresh, double low, double high,
                            DataType dataType) {
        this.noise = new NoiseSource(sampleShape, low, high, dataType);
        this.maxLength = Checks.positive("max_len", maxLength);
        this.fresh = NoiseSource.checkFraction(fresh);
    }

    @Override
    public INDArray draw(int n, RandomKey key) {
        Checks.positive("n", n);
        SplittableRandom rng = key.fold("replay").javaRandom();
        int freshCount = size == 0 ? n : NoiseSource.binomial(n, fresh, rng);
        INDArray out = Nd4j.createUninitialized(noise.dataType(), n, noise.dimension());
        if (freshCount > 0) {
            out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, freshCount))
                    .assign(noise.uniform(freshCount, key.fold("fresh")).reshape(freshCount, noise.dimension()));
        }
        if (freshCount < n) {
            int[] rows = new int[n - freshCount];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = physical(rng.nextInt(size));
            }
            out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(freshCount, n))
                    .assign(Nd4j.pullRows(ring, 1, rows));
        }
        return out.reshape(noise.batchShape(n));
    }

    @Override
    public void add(INDArray samples) {
        noise.checkSamples("seed-buffer", samples);
        int k = (int) Math.min(samples.size(0), maxLength);
        if (ring == null) {
            ring = Nd4j.create(noise.dataType(), maxLength, noise.dimension());
        }
        INDArray rows = samples.reshape(samples.size(0), noise.dimension());
        head = Math.floorMod(head - k, maxLength);
        // Rows j = 0..k-1 go to ring rows head, head+1, ... (mod maxLength): at most two contiguous blocks, so two
        // bulk copies instead of one native call per row.
        int first = Math.min(k, maxLength - head);
        ring.get(NDArrayIndex.interval(head, head + first), NDArrayIndex.all())
                .assign(rows.get(NDArrayIndex.interval(0, first), NDArrayIndex.all()));
        if (first < k) {
            ring.get(NDArrayIndex.interval(0, k - first), NDArrayIndex.all())
                    .assign(rows.get(NDArrayIndex.interval(first, k), NDArrayIndex.all()));
        }
        size = Math.min(maxLength, size + k);
    }

    /** @return the ring row of logical position {@code i} (0 = newest). */
    private int physical(int i) {
        return (head + i) % maxLength;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int capacity() {
        return maxLength;
    }

    /** @return the fresh-start probability. */
    public double freshFraction() {
        return fresh;
    }

    @Override
    public INDArray snapshot() {
        if (size == 0) {
            return Nd4j.create(noise.dataType(), noise.batchShape(0));
        }
        int[] rows = new int[size];
        for (int i = 0; i < size; i++) {
            rows[i] = physical(i);
        }
        return Nd4j.pullRows(ring, 1, rows).reshape(noise.batchShape(size));
    }

    @Override
    public void restore(INDArray samples) {
        noise.checkSamples("seed-buffer", samples);
        size = 0;
        head = 0;
        if (samples.size(0) > 0) {
            add(samples);
        }
    }
}
