package org.ebm4j.bench.peers;

import java.nio.file.Path;
import org.ebm4j.bench.registry.ComponentRegistry;

/**
 * What a comparison needs: the registry for ebm4j's side, the baseline scripts for the peer's, and the shared
 * settings.
 *
 * @param registry ebm4j's components
 * @param baselines the folder holding the reference scripts
 * @param data the MNIST folder, passed to both sides
 * @param threads threads for both sides (torch.set_num_threads / OMP_NUM_THREADS)
 * @param quick fewer repetitions (for smoke tests); ratios are noisier
 * @param work scratch folder for outputs of both sides
 */
public record PeerContext(ComponentRegistry registry, PythonBaseline baselines, Path data, int threads, boolean quick,
                          Path work) {
}
