package org.ebm4j.api.training;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One parameter update.
 *
 * @param iteration 1-based count of updates since the run began (continues across resumes)
 * @param epoch 0-based epoch
 * @param learningRate the learning rate used
 * @param metrics named figures (loss terms, gradient norm, sampler acceptance, seconds)
 * @param negatives the negative samples of this iteration (listeners that keep them must copy)
 */
public record IterationReport(long iteration, int epoch, double learningRate, Map<String, Double> metrics,
                              INDArray negatives) {

    public IterationReport {
        metrics = Map.copyOf(metrics);
    }
}
