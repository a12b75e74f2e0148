/** The training loop shared by neural EBMs and RBMs, and its configuration. */
package org.ebm4j.training.loop;
