/**
 * Training runs assembled from registered components by name (energy, sampler, replay buffer, dataset, objective,
 * optimiser), recorded in checkpoints so that a trained model can be rebuilt from its checkpoint alone.
 */
package org.ebm4j.bench.training;
