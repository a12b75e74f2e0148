/**
 * JMH micro-benchmarks of the hot kernels: energy and input gradient of a batch, one sampler step, a Gibbs sweep, a
 * replay-buffer draw. Run with {@code ./ebm bench jmh [REGEX]} (README, "Benchmarks"). Components are looked up by
 * name, so a benchmark covers whatever implementation is registered under that name.
 */
package org.ebm4j.bench.jmh;
