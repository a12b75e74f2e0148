/** Cheap quality measures of RBMs: pseudo-log-likelihood, reconstruction error, free energies, log-likelihood given log Z. */
package org.ebm4j.rbm.evaluation;
