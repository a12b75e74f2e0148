/** RBM models: Bernoulli–Bernoulli and Gaussian–Bernoulli, whose energy is the free energy of the visible units. */
package org.ebm4j.rbm.model;
