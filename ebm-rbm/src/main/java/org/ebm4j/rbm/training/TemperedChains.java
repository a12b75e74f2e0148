package org.ebm4j.rbm.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.rbm.gibbs.ParallelTemperingKernel;
import org.ebm4j.rbm.gibbs.TemperedState;
import org.ebm4j.training.buffer.BufferCounters;
import org.ebm4j.training.buffer.KernelStateBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The persistent replicas of parallel-tempering training (Desjardins et al. 2010): K × n visible chains, n per inverse
 * temperature, which a {@link ParallelTemperingKernel} advances and which persist across parameter updates and epochs.
 * The trainer's negative phase is the β = 1 replica. Replicas start as independent fair coin flips.
 *
 * <p>Checkpoints: {@link #snapshot()} stacks the replicas, β = 1 first, into shape {@code [K·n, V]}; the counters
 * {@code step} (which fixes the even/odd swap schedule and the kernel's random keys) and
 * {@code swap_attempts_r} / {@code swap_accepts_r} complete the state, so a resumed run continues bit for bit.
 *
 * <p>Metrics: {@code swap_rate_r_r+1}, the fraction of exchanges accepted between replicas r and r+1 since the run
 * started (NaN until the pair was first proposed).
 */
public final class TemperedChains implements KernelStateBuffer, BufferCounters {

    private final int temperatures;
    private final int chains;
    private final long[] sampleShape;
    private final DataType dataType;
    private TemperedState state;

    /**
     * @param temperatures K, the ladder's length, {@code >= 2}
     * @param chains n, chains per temperature (the batch size)
     * @param sampleShape shape of one visible state, {@code [V]}
     * @param dataType element type of the chains
     */
    public TemperedChains(int temperatures, int chains, long[] sampleShape, DataType dataType) {
        if (temperatures < 2) {
            throw new IllegalArgumentException("temperatures = " + temperatures + "; expected at least 2");
        }
        this.temperatures = temperatures;
        this.chains = Checks.positive("chains", chains);
        this.sampleShape = sampleShape.clone();
        this.dataType = dataType;
    }

    @Override
    public SamplerState resume(SamplingKernel<?> kernel, int n, RandomKey key) {
        if (!(kernel instanceof ParallelTemperingKernel pt) || pt.betas().length != temperatures) {
            throw new IllegalArgumentException("sampler = " + kernel.name() + (kernel instanceof ParallelTemperingKernel p
                    ? " with " + p.betas().length + " temperatures" : "") + "; expected "
                    + ParallelTemperingKernel.NAME + " with " + temperatures + " temperatures");
        }
        checkChains(n);
        if (state == null) {
            state = initialState(key);
        }
        return state;
    }

    private void checkChains(int n) {
        if (n != chains) {
            throw new IllegalArgumentException("n = " + n + "; tempered chains hold exactly " + chains
                    + " chains per temperature (set chains = batch size)");
        }
    }

    private TemperedState initialState(RandomKey key) {
        List<INDArray> replicas = new ArrayList<>(temperatures);
        for (int r = 0; r < temperatures; r++) {
            INDArray x = Nd4j.createUninitialized(dataType, shape(chains));
            try (Random rng = key.fold(r).nd4jRandom()) {
                Nd4j.getExecutioner().exec(new BernoulliDistribution(x, 0.5), rng);
            } catch (Exception e) {
                throw new IllegalStateException("closing the native random generator failed", e);
            }
            replicas.add(x);
        }
        return new TemperedState(replicas, 0);
    }

    @Override
    public void keep(SamplerState advanced) {
        if (!(advanced instanceof TemperedState tempered) || tempered.replicas().size() != temperatures
                || tempered.position().size(0) != chains) {
            throw new IllegalArgumentException("state = " + advanced + "; expected a TemperedState of "
                    + temperatures + " replicas with " + chains + " chains each");
        }
        state = tempered;
    }

    /** @return the replicas (β = 1 first), or null before the first iteration. */
    public TemperedState state() {
        return state;
    }

    /** @return a copy of the β = 1 chains, shape {@code [n, V]}. */
    @Override
    public INDArray draw(int n, RandomKey key) {
        checkChains(n);
        if (state == null) {
            state = initialState(key);
        }
        return state.position().dup();
    }

    /** Replaces the β = 1 chains (the other replicas are kept). */
    @Override
    public void add(INDArray samples) {
        if (!Arrays.equals(samples.shape(), shape(chains))) {
            throw new IllegalArgumentException("samples have shape " + Arrays.toString(samples.shape())
                    + "; expected the β = 1 chains, shape " + Arrays.toString(shape(chains)));
        }
        if (state == null) {
            throw new IllegalStateException("add before the replicas exist; draw or resume first");
        }
        List<INDArray> replicas = new ArrayList<>(state.replicas());
        replicas.set(0, samples.dup());
        state = new TemperedState(replicas, state.step(), state.swapAttempts(), state.swapAccepts());
    }

    @Override
    public int size() {
        return state == null ? 0 : temperatures * chains;
    }

    @Override
    public int capacity() {
        return temperatures * chains;
    }

    /** @return the replicas stacked β = 1 first, shape {@code [K·n, V]}, or {@code [0, V]} before the first use. */
    @Override
    public INDArray snapshot() {
        if (state == null) {
            return Nd4j.create(dataType, shape(0));
        }
        return Nd4j.concat(0, state.replicas().toArray(new INDArray[0])).castTo(dataType).dup();
    }

    /** Restores a {@link #snapshot()}; the counters follow through {@link #restoreCounters}. */
    @Override
    public void restore(INDArray samples) {
        if (samples.size(0) == 0) {
            state = null;
            return;
        }
        if (!Arrays.equals(samples.shape(), shape((long) temperatures * chains))) {
            throw new IllegalArgumentException("snapshot has shape " + Arrays.toString(samples.shape())
                    + "; expected " + temperatures + " replicas of " + chains + " chains, shape "
                    + Arrays.toString(shape((long) temperatures * chains)));
        }
        List<INDArray> replicas = new ArrayList<>(temperatures);
        for (int r = 0; r < temperatures; r++) {
            replicas.add(samples.get(NDArrayIndex.interval((long) r * chains, (long) (r + 1) * chains),
                    NDArrayIndex.all()).castTo(dataType).dup());
        }
        state = new TemperedState(replicas, 0);
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        if (state == null) {
            return c;
        }
        c.put("step", state.step());
        long[] attempts = state.swapAttempts();
        long[] accepts = state.swapAccepts();
        for (int r = 0; r + 1 < temperatures; r++) {
            c.put("swap_attempts_" + r, attempts[r]);
            c.put("swap_accepts_" + r, accepts[r]);
        }
        return c;
    }

    @Override
    public void restoreCounters(Map<String, Long> counters) {
        if (state == null) {
            return;
        }
        long[] attempts = new long[temperatures - 1];
        long[] accepts = new long[temperatures - 1];
        for (int r = 0; r + 1 < temperatures; r++) {
            attempts[r] = counters.getOrDefault("swap_attempts_" + r, 0L);
            accepts[r] = counters.getOrDefault("swap_accepts_" + r, 0L);
        }
        state = new TemperedState(state.replicas(), counters.getOrDefault("step", 0L), attempts, accepts);
    }

    /** @return {@code swap_rate_r_r+1} per neighbouring pair since the start of the run. */
    @Override
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        if (state != null) {
            double[] rates = state.swapRates();
            for (int r = 0; r < rates.length; r++) {
                m.put("swap_rate_" + r + "_" + (r + 1), rates[r]);
            }
        }
        return m;
    }

    private long[] shape(long rows) {
        long[] s = new long[sampleShape.length + 1];
        s[0] = rows;
        System.arraycopy(sampleShape, 0, s, 1, sampleShape.length);
        return s;
    }
}
