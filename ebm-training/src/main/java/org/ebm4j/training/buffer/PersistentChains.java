package org.ebm4j.training.buffer;

import java.util.Arrays;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.training.ReplayBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Persistent chains (Tieleman 2008, "persistent contrastive divergence"): a fixed set of {@code chains} states that
 * each iteration continues from where the previous one stopped. {@link #draw} returns the chains (initialised on first
 * use from uniform noise or fair coin flips), {@link #add} replaces them with the advanced states.
 */
public final class PersistentChains implements ReplayBuffer {

    /** How the chains are initialised. */
    public enum Init {
        /** independent U(low, high) per coordinate */
        UNIFORM,
        /** independent Bernoulli(½) in {0, 1} per coordinate (binary models) */
        BERNOULLI
    }

    private final long[] sampleShape;
    private final int chains;
    private final Init init;
    private final double low;
    private final double high;
    private final DataType dataType;
    private INDArray state;

    /**
     * @param sampleShape shape of one state
     * @param chains number of persistent chains (must equal the batch size drawn)
     * @param init how to start the chains
     * @param low lower bound of {@link Init#UNIFORM}
     * @param high upper bound of {@link Init#UNIFORM}
     * @param dataType element type
     */
    public PersistentChains(long[] sampleShape, int chains, Init init, double low, double high, DataType dataType) {
        this.sampleShape = sampleShape.clone();
        this.chains = Checks.positive("chains", chains);
        this.init = init;
        if (init == Init.UNIFORM && !(low < high)) {
            throw new IllegalArgumentException("persistent chains: low = " + low + ", high = " + high
                    + "; expected low < high");
        }
        this.low = low;
        this.high = high;
        this.dataType = dataType;
    }

    @Override
    public INDArray draw(int n, RandomKey key) {
        if (n != chains) {
            throw new IllegalArgumentException("draw n = " + n + "; persistent chains hold exactly " + chains
                    + " chains (set chains = batch size)");
        }
        if (state == null) {
            state = initialState(key);
        }
        return state.dup();
    }

    private INDArray initialState(RandomKey key) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = chains;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        INDArray x = Nd4j.createUninitialized(dataType, shape);
        try (Random rng = key.nd4jRandom()) {
            if (init == Init.UNIFORM) {
                Nd4j.getExecutioner().exec(new UniformDistribution(x, low, high), rng);
            } else {
                Nd4j.getExecutioner().exec(new BernoulliDistribution(x, 0.5), rng);
            }
        } catch (Exception e) {
            throw new IllegalStateException("closing the native random generator failed", e);
        }
        return x;
    }

    @Override
    public void add(INDArray samples) {
        if (samples.size(0) != chains || !Arrays.equals(Arrays.copyOfRange(samples.shape(), 1, samples.rank()),
                sampleShape)) {
            throw new IllegalArgumentException("samples have shape " + Arrays.toString(samples.shape())
                    + "; expected the " + chains + " advanced chains, shape [" + chains + ", "
                    + Arrays.toString(sampleShape).replaceAll("[\\[\\]]", "") + "]");
        }
        if (state != null && state.dataType() == samples.dataType() && Arrays.equals(state.shape(), samples.shape())) {
            state.assign(samples); // copies into the chains' array: no allocation per iteration
        } else {
            state = samples.dup();
        }
    }

    @Override
    public int size() {
        return state == null ? 0 : chains;
    }

    @Override
    public int capacity() {
        return chains;
    }

    @Override
    public INDArray snapshot() {
        return state == null ? Nd4j.create(dataType, emptyShape()) : state.dup();
    }

    @Override
    public void restore(INDArray samples) {
        state = samples.size(0) == 0 ? null : samples.dup();
        if (state != null) {
            add(state);
        }
    }

    private long[] emptyShape() {
        long[] shape = new long[sampleShape.length + 1];
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return shape;
    }
}
