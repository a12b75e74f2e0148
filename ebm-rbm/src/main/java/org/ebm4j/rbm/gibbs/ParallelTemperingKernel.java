package org.ebm4j.rbm.gibbs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.sampling.Step;
import org.ebm4j.api.sampling.StepInfo;
import org.ebm4j.rbm.model.RestrictedBoltzmannMachine;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Parallel tempering for RBMs (Swendsen &amp; Wang 1986; Desjardins et al. 2010): R replicas of every chain at inverse
 * temperatures 1 = β₀ &gt; β₁ &gt; … &gt; β_{R−1} (a {@link TemperatureLadder}), each moved by one block
 * Gibbs step of p_β(v, h) ∝ exp(−β E(v, h)), then neighbouring replicas propose to exchange their joint states (v, h)
 * with the Metropolis probability min(1, exp((β_r − β_{r+1})(E_r − E_{r+1}))). Even steps try pairs (0,1), (2,3), …,
 * odd steps (1,2), (3,4), …. The chain in replica 0 leaves p(v) invariant. {@link StepInfo#extras()} reports
 * {@code swap_rate}, the fraction of this step's attempted exchanges accepted, and {@code swap_rate_r_r+1} for each
 * pair attempted; {@link TemperedState} keeps the running counts per pair.
 *
 * <p>{@link #init} starts every replica at the given positions. Persistent training (PT as a negative phase) keeps
 * the whole {@link TemperedState} between parameter updates instead; see
 * {@link org.ebm4j.rbm.training.TemperedChains}.
 */
public final class ParallelTemperingKernel implements SamplingKernel<TemperedState> {

    public static final String NAME = "parallel-tempering-rbm";

    private final RestrictedBoltzmannMachine model;
    private final TemperatureLadder ladder;
    private final double[] betas;

    /**
     * @param model the RBM
     * @param ladder the inverse temperatures, β₀ = 1 first
     */
    public ParallelTemperingKernel(RestrictedBoltzmannMachine model, TemperatureLadder ladder) {
        if (model == null || ladder == null) {
            throw new IllegalArgumentException("model = " + model + ", ladder = " + ladder + "; expected both");
        }
        this.model = model;
        this.ladder = ladder;
        this.betas = ladder.betas();
    }

    /**
     * A linear ladder ({@link TemperatureLadder#linear}).
     *
     * @param model the RBM
     * @param temperatures R, {@code >= 2}
     * @param minBeta β_{R−1}, in (0, 1)
     */
    public ParallelTemperingKernel(RestrictedBoltzmannMachine model, int temperatures, double minBeta) {
        this(model, TemperatureLadder.linear(temperatures, minBeta));
    }

    /** @return the inverse temperatures, β₀ = 1 first. */
    public double[] betas() {
        return betas.clone();
    }

    public TemperatureLadder ladder() {
        return ladder;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EnergyFunction energy() {
        return model;
    }

    @Override
    public TemperedState init(INDArray position) {
        model.checkBatch("position", position);
        Checks.finite("position", position);
        List<INDArray> replicas = new ArrayList<>();
        replicas.add(position);
        for (int r = 1; r < betas.length; r++) {
            replicas.add(position.dup());
        }
        return new TemperedState(replicas, 0);
    }

    @Override
    public Step<TemperedState> step(RandomKey key, TemperedState state) {
        int replicaCount = betas.length;
        List<INDArray> visible = new ArrayList<>(replicaCount);
        List<INDArray> hidden = new ArrayList<>(replicaCount);
        for (int r = 0; r < replicaCount; r++) {
            RandomKey rk = key.fold(r);
            INDArray h = model.sampleHidden(state.replicas().get(r), betas[r], rk.fold("hidden"));
            visible.add(model.sampleVisible(h, betas[r], rk.fold("visible")));
            hidden.add(h);
        }
        long t = state.step() + 1;
        long chains = visible.get(0).size(0);
        long[] attempts = state.swapAttempts();
        long[] accepts = state.swapAccepts();
        long attemptedNow = 0;
        long acceptedNow = 0;
        Map<String, Double> extras = new LinkedHashMap<>();
        for (int r = (int) (t % 2 == 1 ? 0 : 1); r + 1 < replicaCount; r += 2) {
            long accepted = swap(visible, hidden, r, key.fold("swap").fold(r));
            attempts[r] += chains;
            accepts[r] += accepted;
            attemptedNow += chains;
            acceptedNow += accepted;
            extras.put("swap_rate_" + r + "_" + (r + 1), (double) accepted / chains);
        }
        extras.put("swap_rate", attemptedNow == 0 ? Double.NaN : (double) acceptedNow / attemptedNow);
        StepInfo info = new StepInfo(t, Double.NaN, 1.0, Double.NaN, Double.NaN, 2L * replicaCount, extras);
        return new Step<>(new TemperedState(visible, t, attempts, accepts), info);
    }

    /** Exchanges replicas r and r+1 where accepted, in place; @return the number of chains that swapped. */
    private long swap(List<INDArray> visible, List<INDArray> hidden, int r, RandomKey key) {
        INDArray eLow = model.jointEnergy(visible.get(r), hidden.get(r));
        INDArray eHigh = model.jointEnergy(visible.get(r + 1), hidden.get(r + 1));
        // log acceptance = (β_r − β_{r+1}) (E_r − E_{r+1})
        INDArray logRatio = eLow.sub(eHigh).muli(betas[r] - betas[r + 1]).castTo(DataType.DOUBLE);
        INDArray u = Nd4j.createUninitialized(DataType.DOUBLE, logRatio.shape());
        try (Random rng = key.nd4jRandom()) {
            Nd4j.getExecutioner().exec(new UniformDistribution(u, 0, 1), rng);
        } catch (Exception e) {
            throw new IllegalStateException("closing the native random generator failed", e);
        }
        // accept where log u < log ratio
        INDArray accept = Transforms.step(logRatio.subi(Transforms.log(u, false)), false);
        exchange(visible, r, accept);
        exchange(hidden, r, accept);
        return Math.round(accept.sumNumber().doubleValue());
    }

    /** Rows where {@code accept} is 1 trade places between replicas r and r+1 (m·b + (1−m)·a is exact for m ∈ {0,1}). */
    private static void exchange(List<INDArray> states, int r, INDArray accept) {
        INDArray a = states.get(r);
        INDArray b = states.get(r + 1);
        INDArray mask = accept.castTo(a.dataType()).reshape(-1, 1);
        INDArray keep = mask.rsub(1);
        states.set(r, a.mulColumnVector(keep).addi(b.mulColumnVector(mask)));
        states.set(r + 1, b.mulColumnVector(keep).addi(a.mulColumnVector(mask)));
    }
}
