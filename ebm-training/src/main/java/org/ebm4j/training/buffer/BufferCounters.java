package org.ebm4j.training.buffer;

import java.util.Map;

/**
 * A replay buffer whose future behaviour depends on counters beyond its stored samples (a reservoir's count of
 * samples seen). {@link org.ebm4j.training.loop.EbmTrainer} saves them in checkpoints' metadata as
 * {@code buffer.counter.NAME} and restores them after {@link org.ebm4j.api.training.ReplayBuffer#restore}, so a
 * resumed run continues exactly.
 */
public interface BufferCounters {

    /** @return the counters by name. */
    Map<String, Long> counters();

    /** Restores counters returned by {@link #counters()}; called after the samples were restored. */
    void restoreCounters(Map<String, Long> counters);
}
