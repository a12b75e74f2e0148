/** The Metropolis–Hastings correction shared by MALA and HMC: the state with cached energy and gradient, and the per-chain accept step. */
package org.ebm4j.sampling.metropolis;
