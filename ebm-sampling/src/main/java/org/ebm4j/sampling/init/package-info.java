/** Where chains start: uniform noise, Gaussian noise. */
package org.ebm4j.sampling.init;
