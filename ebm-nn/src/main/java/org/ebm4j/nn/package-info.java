/** Neural energy functions on SameDiff and their Guice registration ({@link org.ebm4j.nn.NeuralEnergyModule}). */
package org.ebm4j.nn;
