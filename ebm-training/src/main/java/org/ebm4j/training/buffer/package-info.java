/** Replay buffers and persistent chains: where the negative phase's chains start. */
package org.ebm4j.training.buffer;
