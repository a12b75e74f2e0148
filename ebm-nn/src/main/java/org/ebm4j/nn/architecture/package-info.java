/** The registered network architectures: the conv image energy of the reference recipe and the MLP energy. */
package org.ebm4j.nn.architecture;
