/** Batched array operations that every chain-based kernel needs: noise, clamping, per-chain norms and blends. */
package org.ebm4j.sampling.chains;
