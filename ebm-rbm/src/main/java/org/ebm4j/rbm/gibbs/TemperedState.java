package org.ebm4j.rbm.gibbs;

import java.util.List;
import org.ebm4j.api.sampling.SamplerState;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Chains of parallel tempering: one replica per inverse temperature, each a batch of chains, and the running count of
 * exchange proposals between neighbouring replicas.
 *
 * @param replicas visible states per temperature, element r has shape {@code [n, V]}; element 0 is β = 1
 * @param step steps taken since init
 * @param swapAttempts per neighbouring pair (r, r+1), the chain-level exchanges proposed so far (n per attempt)
 * @param swapAccepts per neighbouring pair (r, r+1), the exchanges accepted so far
 */
public record TemperedState(List<INDArray> replicas, long step, long[] swapAttempts, long[] swapAccepts)
        implements SamplerState {

    public TemperedState {
        replicas = List.copyOf(replicas);
        if (replicas.size() < 2) {
            throw new IllegalArgumentException("replicas has " + replicas.size() + " entries; expected at least 2");
        }
        swapAttempts = counts("swapAttempts", swapAttempts, replicas.size() - 1);
        swapAccepts = counts("swapAccepts", swapAccepts, replicas.size() - 1);
    }

    /** A state without exchange history (all counts zero). */
    public TemperedState(List<INDArray> replicas, long step) {
        this(replicas, step, new long[replicas.size() - 1], new long[replicas.size() - 1]);
    }

    private static long[] counts(String name, long[] values, int pairs) {
        if (values == null || values.length != pairs) {
            throw new IllegalArgumentException(name + " has " + (values == null ? "no" : values.length)
                    + " entries; expected one per neighbouring pair, " + pairs);
        }
        return values.clone();
    }

    /** @return the β = 1 chains, shape {@code [n, V]}. */
    @Override
    public INDArray position() {
        return replicas.get(0);
    }

    @Override
    public long[] swapAttempts() {
        return swapAttempts.clone();
    }

    @Override
    public long[] swapAccepts() {
        return swapAccepts.clone();
    }

    /** @return per neighbouring pair (r, r+1), accepted / proposed exchanges so far (NaN where none was proposed). */
    public double[] swapRates() {
        double[] rates = new double[swapAttempts.length];
        for (int r = 0; r < rates.length; r++) {
            rates[r] = swapAttempts[r] == 0 ? Double.NaN : (double) swapAccepts[r] / swapAttempts[r];
        }
        return rates;
    }
}
