/** Import of the PyTorch reference conv EBM's trained parameters. */
package org.ebm4j.nn.torch;
