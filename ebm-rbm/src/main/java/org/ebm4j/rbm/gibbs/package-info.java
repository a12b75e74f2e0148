/** Samplers for RBMs behind the shared kernel SPI: block Gibbs and parallel tempering. */
package org.ebm4j.rbm.gibbs;
