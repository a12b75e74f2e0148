/** Boltzmann machines, RBMs and DBNs for ebm4j, registered by {@link org.ebm4j.rbm.RbmModule}. */
package org.ebm4j.rbm;
