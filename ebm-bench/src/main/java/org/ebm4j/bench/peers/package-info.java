/**
 * Peer ratios: ebm4j against the reference scripts in {@code ../shared/baselines} (PyTorch, scikit-learn), run on
 * the same machine, in the same run, with the same thread count.
 */
package org.ebm4j.bench.peers;
