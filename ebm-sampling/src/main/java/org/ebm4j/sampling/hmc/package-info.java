/** Hamiltonian Monte Carlo with the leapfrog integrator and identity mass matrix. */
package org.ebm4j.sampling.hmc;
