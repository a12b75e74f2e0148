package org.ebm4j.sampling.metropolis;

import java.util.Map;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.Step;
import org.ebm4j.api.sampling.StepInfo;
import org.ebm4j.sampling.chains.ChainArrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ReplaceNans;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The accept/reject half shared by MALA and HMC: per-chain Metropolis test and blend of accepted proposals. */
public final class MetropolisStep {

    private MetropolisStep() {
    }

    /**
     * Accepts chain i's proposal (in the state's proposal buffers) when {@code log u_i < logAlpha_i}, u ~ U(0, 1);
     * NaN log-ratios (diverged proposals) count as rejections.
     *
     * @param logAlpha log acceptance ratio, shape {@code [n]} (consumed)
     * @return the step, whose info reports the mean acceptance probability {@code mean(min(1, α))}
     */
    public static Step<MetropolisState> finish(RandomKey key, MetropolisState s,
                                               INDArray logAlpha, double stepSize, double gradientNorm,
                                               long gradientEvaluations) {
        Nd4j.getExecutioner().exec(new ReplaceNans(logAlpha, Double.NEGATIVE_INFINITY));
        Transforms.min(logAlpha, 0.0, false);
        INDArray logU = Transforms.log(ChainArrays.fillUniform(s.uniform(), key.fold("accept")), false);
        INDArray accept = logU.lt(logAlpha).castTo(s.energy().dataType());
        double acceptedFraction = accept.meanNumber().doubleValue();
        double acceptanceProbability = Transforms.exp(logAlpha, false).meanNumber().doubleValue();
        ChainArrays.blendRows(s.position(), s.proposal(), accept);
        ChainArrays.blendRows(s.energy(), s.proposalEnergy(), accept);
        ChainArrays.blendRows(s.gradient(), s.proposalGradient(), accept);
        MetropolisState next = s.next();
        double meanEnergy = s.energy().meanNumber().doubleValue();
        return new Step<>(next, new StepInfo(next.step(), stepSize, acceptanceProbability, gradientNorm, meanEnergy,
                gradientEvaluations, Map.of("accepted_fraction", acceptedFraction)));
    }
}
