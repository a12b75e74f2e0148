package org.ebm4j.training.buffer;

import java.util.Map;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.training.ReplayBuffer;

/**
 * Persistent chains whose sampling kernel needs more than the positions to continue: parallel tempering's replicas at
 * every temperature, for example. {@link org.ebm4j.training.loop.EbmTrainer}, given such a buffer (and
 * {@code chain_start = BUFFER}), continues the kernel from {@link #resume} instead of {@code init(draw(…))} and hands
 * the advanced state back through {@link #keep}; the negative phase is that state's {@code position()}. The whole
 * state is saved in checkpoints through {@link ReplayBuffer#snapshot()} (and, for counters,
 * {@link BufferCounters}), so a resumed run continues exactly.
 */
public interface KernelStateBuffer extends ReplayBuffer {

    /**
     * @param kernel the trainer's sampler; the buffer checks that it can continue its state
     * @param n chains the negative phase needs (the batch size)
     * @param key randomness for initialising the state on first use
     * @return the state to continue, whose {@code position()} has shape {@code [n, ...sampleShape]}
     * @throws IllegalArgumentException if {@code kernel} or {@code n} does not match the stored state
     */
    SamplerState resume(SamplingKernel<?> kernel, int n, RandomKey key);

    /** Stores the state the kernel reached; the next {@link #resume} continues from it. */
    void keep(SamplerState state);

    /** @return figures of the stored state reported with every iteration's metrics (none by default). */
    default Map<String, Double> metrics() {
        return Map.of();
    }
}
