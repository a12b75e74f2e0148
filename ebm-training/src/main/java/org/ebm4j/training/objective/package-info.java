/** Training losses of energy-based models. */
package org.ebm4j.training.objective;
