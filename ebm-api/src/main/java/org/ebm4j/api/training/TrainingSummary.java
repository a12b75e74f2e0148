package org.ebm4j.api.training;

import java.util.Map;

/**
 * How a run ended.
 *
 * @param iterations updates done in total
 * @param seconds wall time of this process's part of the run
 * @param completed false if the run stopped early (divergence, interruption)
 * @param stopReason why it stopped early, or empty
 * @param finalMetrics the last iteration's metrics
 */
public record TrainingSummary(long iterations, double seconds, boolean completed, String stopReason,
                              Map<String, Double> finalMetrics) {

    public TrainingSummary {
        finalMetrics = Map.copyOf(finalMetrics);
    }
}
