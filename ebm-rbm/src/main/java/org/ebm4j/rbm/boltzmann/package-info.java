/** General Boltzmann machines with visible-visible and hidden-hidden couplings: sequential Gibbs and mean-field learning. */
package org.ebm4j.rbm.boltzmann;
