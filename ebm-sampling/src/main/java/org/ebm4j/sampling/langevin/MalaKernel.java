package org.ebm4j.sampling.langevin;

import org.ebm4j.api.config.Checks;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.Step;
import org.ebm4j.sampling.adaptation.StepSizeKernel;
import org.ebm4j.sampling.chains.ChainArrays;
import org.ebm4j.sampling.metropolis.MetropolisState;
import org.ebm4j.sampling.metropolis.MetropolisStep;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Metropolis-adjusted Langevin algorithm (Roberts &amp; Tweedie 1996): the ULA proposal
 * {@code y = x − ε∇E(x) + √(2ε)ξ} accepted per chain with probability
 * {@code min(1, exp(E(x) − E(y) + log q(x|y) − log q(y|x)))}, where
 * {@code log q(y|x) = −‖y − x + ε∇E(x)‖² / (4ε) + const}. Exact for p ∝ exp(−E) at any ε; costs one gradient
 * evaluation per step (the current energy and gradient are kept in the state). A proposal with non-finite energy
 * is rejected. Wrap it in {@link org.ebm4j.sampling.adaptation.DualAveragingKernel} to tune ε.
 *
 * @param energy the target
 * @param stepSize ε, {@code > 0}
 */
public record MalaKernel(EnergyFunction energy, double stepSize) implements StepSizeKernel<MetropolisState> {

    public MalaKernel {
        Checks.positive("mala: step-size", stepSize);
    }

    @Override
    public String name() {
        return "mala";
    }

    @Override
    public MetropolisState init(INDArray position) {
        return MetropolisState.initial(energy, position);
    }

    @Override
    public Step<MetropolisState> step(RandomKey key, MetropolisState s, double epsilon) {
        Checks.positive("mala: step size", epsilon);
        INDArray x = s.position();
        INDArray y = s.proposal();
        double gradientNorm = ChainArrays.meanRowNorm(s.gradient());
        double noiseStd = Math.sqrt(2 * epsilon);
        ChainArrays.fillGaussian(s.noise(), noiseStd, key.fold("noise"));
        // y = x − ε∇E(x) + √(2ε)ξ, so y − x + ε∇E(x) = √(2ε)ξ and log q(y|x) = −‖ξ‖²/2.
        ChainArrays.axpy(-epsilon, s.gradient(), y.assign(x)).addi(s.noise());
        energy.energyAndGradient(y, s.proposalEnergy(), s.proposalGradient());
        INDArray logForward = ChainArrays.rowSquaredNorms(s.noise()).muli(-1 / (4 * epsilon));
        // log q(x|y) = −‖x − y + ε∇E(y)‖² / (4ε); reuse the noise buffer for x − y + ε∇E(y).
        INDArray back = ChainArrays.axpy(epsilon, s.proposalGradient(), s.noise().assign(x).subi(y));
        INDArray logBackward = ChainArrays.rowSquaredNorms(back).muli(-1 / (4 * epsilon));
        INDArray logAlpha = s.energy().sub(s.proposalEnergy()).addi(logBackward).subi(logForward);
        return MetropolisStep.finish(key, s, logAlpha, epsilon, gradientNorm, 1);
    }
}
