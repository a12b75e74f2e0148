/** First-order optimisers that update parameters in place. */
package org.ebm4j.training.optim;
