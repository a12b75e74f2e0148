package org.ebm4j.training.buffer;

import java.util.Map;
import java.util.SplittableRandom;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.training.ReplayBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A replay buffer that keeps a uniform random sample of every negative ever added (reservoir sampling, Vitter's
 * Algorithm R): the t-th sample added replaces a random slot with probability capacity / t once the buffer is full.
 * Old samples thus stay in play for the whole run instead of being pushed out after {@code capacity} additions as in
 * {@link SeedReplayBuffer}. Draws are as there: Binomial(n, fresh) fresh U(low, high) starts, the rest uniform with
 * replacement from the reservoir.
 *
 * <p>Randomness: the slot decision for the t-th sample derives from {@code RandomKey.of(seed).fold(t)}, so the
 * contents depend only on the seed and the samples added. The count t is kept through checkpoints by
 * {@link BufferCounters}. {@link #snapshot()} returns the slots in storage order (a reservoir has no recency order).
 */
public final class ReservoirBuffer implements ReplayBuffer, BufferCounters {

    private final NoiseSource noise;
    private final int capacity;
    private final double fresh;
    private final RandomKey insertKey;
    private INDArray slots; // [capacity, d]
    private int size;
    private long seen;

    /**
     * @param sampleShape shape of one state
     * @param capacity reservoir size
     * @param fresh probability that a chain starts from fresh noise, in [0, 1]
     * @param low lower bound of the fresh noise
     * @param high upper bound of the fresh noise
     * @param dataType element type
     * @param seed seed of the slot decisions
     */
    public ReservoirBuffer(long[] sampleShape, int capacity, double fresh, double low, double high, DataType dataType,
                           long seed) {
        this.noise = new NoiseSource(sampleShape, low, high, dataType);
        this.capacity = Checks.positive("capacity", capacity);
        this.fresh = NoiseSource.checkFraction(fresh);
        this.insertKey = RandomKey.of(seed).fold("reservoir");
    }

    @Override
    public INDArray draw(int n, RandomKey key) {
        Checks.positive("n", n);
        SplittableRandom rng = key.fold("replay").javaRandom();
        int freshCount = size == 0 ? n : NoiseSource.binomial(n, fresh, rng);
        INDArray out = Nd4j.createUninitialized(noise.dataType(), n, noise.dimension());
        if (freshCount > 0) {
            out.get(NDArrayIndex.interval(0, freshCount))
                    .assign(noise.uniform(freshCount, key.fold("fresh")).reshape(freshCount, noise.dimension()));
        }
        if (freshCount < n) {
            int[] rows = new int[n - freshCount];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = rng.nextInt(size);
            }
            out.get(NDArrayIndex.interval(freshCount, n)).assign(Nd4j.pullRows(slots, 1, rows));
        }
        return out.reshape(noise.batchShape(n));
    }

    @Override
    public void add(INDArray samples) {
        noise.checkSamples("reservoir", samples);
        if (slots == null) {
            slots = Nd4j.create(noise.dataType(), capacity, noise.dimension());
        }
        INDArray rows = samples.reshape(samples.size(0), noise.dimension());
        for (int j = 0; j < rows.size(0); j++) {
            seen++;
            int slot;
            if (size < capacity) {
                slot = size++;
            } else {
                long r = insertKey.fold(seen).javaRandom().nextLong(seen); // uniform in [0, seen)
                if (r >= capacity) {
                    continue;
                }
                slot = (int) r;
            }
            slots.getRow(slot).assign(rows.getRow(j));
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /** @return how many samples have been offered to the reservoir. */
    public long seen() {
        return seen;
    }

    @Override
    public INDArray snapshot() {
        if (size == 0) {
            return Nd4j.create(noise.dataType(), noise.batchShape(0));
        }
        return slots.get(NDArrayIndex.interval(0, size)).dup().reshape(noise.batchShape(size));
    }

    @Override
    public void restore(INDArray samples) {
        noise.checkSamples("reservoir", samples);
        if (samples.size(0) > capacity) {
            throw new IllegalArgumentException("reservoir: restore of " + samples.size(0)
                    + " samples; expected at most capacity = " + capacity);
        }
        size = 0;
        seen = 0;
        if (samples.size(0) > 0) {
            add(samples);
        }
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of("seen", seen);
    }

    @Override
    public void restoreCounters(Map<String, Long> counters) {
        Long value = counters.get("seen");
        if (value == null || value < size) {
            throw new IllegalArgumentException("reservoir: counter seen = " + value + "; expected a count >= size = "
                    + size);
        }
        seen = value;
    }
}
