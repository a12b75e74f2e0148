/** Deep belief networks: greedy stacks of RBMs, their features and samples. */
package org.ebm4j.rbm.dbn;
