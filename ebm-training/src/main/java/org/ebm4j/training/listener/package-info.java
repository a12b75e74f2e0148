/**
 * {@link org.ebm4j.api.training.TrainingListener}s: log lines with rate and ETA, a terminal progress bar, metrics as
 * CSV and JSON lines, PNG grids of negative samples. Checkpoints are written by the trainer itself
 * ({@link org.ebm4j.training.loop.TrainerConfig#checkpointFile()}).
 */
package org.ebm4j.training.listener;
