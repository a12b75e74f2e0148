package org.ebm4j.api.sampling;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The outcome of {@link SamplingDriver#run}.
 *
 * @param finalState the state after the last step
 * @param trajectory copies of the positions after every step (empty unless requested); element {@code t} is the
 *     position after step {@code t + 1}
 * @param infos one {@link StepInfo} per step
 * @param <S> the kernel's state type
 */
public record SamplingResult<S extends SamplerState>(S finalState, List<INDArray> trajectory, List<StepInfo> infos) {

    /** @return the final positions, shape {@code [n, ...]}. */
    public INDArray samples() {
        return finalState.position();
    }

    /** @return the total gradient evaluations per chain. */
    public long gradientEvaluations() {
        long total = 0;
        for (StepInfo info : infos) {
            total += info.gradientEvaluations();
        }
        return total;
    }

    /** @return the mean of the per-step acceptance rates, NaN for unadjusted kernels. */
    public double meanAcceptanceRate() {
        return infos.stream().mapToDouble(StepInfo::acceptanceRate).average().orElse(Double.NaN);
    }
}
