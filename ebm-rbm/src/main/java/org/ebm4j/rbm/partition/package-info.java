/** Partition functions of Bernoulli RBMs: exact enumeration over the smaller layer and annealed importance sampling. */
package org.ebm4j.rbm.partition;
