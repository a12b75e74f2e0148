/** CD-k and PCD for RBMs, assembled from ebm-training's shared trainer, objective, optimiser and persistent chains. */
package org.ebm4j.rbm.training;
