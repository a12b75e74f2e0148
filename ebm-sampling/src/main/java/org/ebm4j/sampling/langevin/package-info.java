/**
 * Langevin-family kernels: the reference recipe's clipped Langevin ("seed-langevin"), the unadjusted Langevin
 * algorithm (ULA), stochastic-gradient Langevin dynamics (SGLD) and the Metropolis-adjusted Langevin algorithm (MALA).
 */
package org.ebm4j.sampling.langevin;
