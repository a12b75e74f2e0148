package org.ebm4j.sampling.diagnostics;

import java.util.List;
import org.ebm4j.api.sampling.StepInfo;

/**
 * Acceptance of a run: mean, minimum and maximum over steps of the per-step mean acceptance probability, and the mean
 * step size; NaN for unadjusted kernels.
 *
 * @param steps the number of steps summarised
 * @param mean mean acceptance probability
 * @param min lowest per-step value
 * @param max highest per-step value
 * @param meanStepSize mean step size used
 */
public record AcceptanceSummary(int steps, double mean, double min, double max, double meanStepSize) {

    /** @return the summary of {@code infos} from index {@code from} on (to skip warm-up). */
    public static AcceptanceSummary of(List<StepInfo> infos, int from) {
        List<StepInfo> kept = infos.subList(Math.min(Math.max(0, from), infos.size()), infos.size());
        var acceptance = kept.stream().mapToDouble(StepInfo::acceptanceRate).filter(v -> !Double.isNaN(v))
                .summaryStatistics();
        double stepSize = kept.stream().mapToDouble(StepInfo::stepSize).average().orElse(Double.NaN);
        if (acceptance.getCount() == 0) {
            return new AcceptanceSummary(kept.size(), Double.NaN, Double.NaN, Double.NaN, stepSize);
        }
        return new AcceptanceSummary(kept.size(), acceptance.getAverage(), acceptance.getMin(), acceptance.getMax(),
                stepSize);
    }
}
