package org.ebm4j.sampling.hmc;

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
 * Hamiltonian Monte Carlo (Duane et al. 1987; Neal 2011) with identity mass matrix: momentum p ~ N(0, I),
 * L leapfrog steps of size ε on H(x, p) = E(x) + ½‖p‖², and a per-chain Metropolis test on the change of H.
 * L is fixed, or, when a path length λ is configured, {@code L = max(1, ceil(λ/ε))} so that adapting ε keeps the
 * integration time. Costs L gradient evaluations per step. Wrap it in
 * {@link org.ebm4j.sampling.adaptation.DualAveragingKernel} to tune ε.
 *
 * @param energy the target
 * @param stepSize ε, {@code > 0}
 * @param leapfrogSteps L when {@code pathLength} is NaN, {@code >= 1}
 * @param pathLength λ = Lε, or NaN to use {@code leapfrogSteps}
 */
public record HmcKernel(EnergyFunction energy, double stepSize, int leapfrogSteps, double pathLength)
        implements StepSizeKernel<MetropolisState> {

    public HmcKernel {
        Checks.positive("hmc: step-size", stepSize);
        Checks.positive("hmc: leapfrog-steps", leapfrogSteps);
        if (!Double.isNaN(pathLength)) {
            Checks.positive("hmc: path-length", pathLength);
        }
    }

    @Override
    public String name() {
        return "hmc";
    }

    /** @return the number of leapfrog steps used with step size {@code epsilon}. */
    public int leapfrogStepsFor(double epsilon) {
        if (Double.isNaN(pathLength)) {
            return leapfrogSteps;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(pathLength / epsilon - 1e-9)));
    }

    @Override
    public MetropolisState init(INDArray position) {
        return MetropolisState.initial(energy, position);
    }

    @Override
    public Step<MetropolisState> step(RandomKey key, MetropolisState s, double epsilon) {
        Checks.positive("hmc: step size", epsilon);
        int steps = leapfrogStepsFor(epsilon);
        double gradientNorm = ChainArrays.meanRowNorm(s.gradient());
        INDArray p = ChainArrays.fillGaussian(s.noise(), 1.0, key.fold("momentum"));
        INDArray h0 = ChainArrays.rowSquaredNorms(p).muli(0.5).addi(s.energy());
        INDArray y = s.proposal().assign(s.position());
        INDArray gy = s.proposalGradient().assign(s.gradient());
        ChainArrays.axpy(-0.5 * epsilon, gy, p);
        for (int i = 0; i < steps; i++) {
            ChainArrays.axpy(epsilon, p, y);
            energy.energyAndGradient(y, s.proposalEnergy(), gy);
            ChainArrays.axpy(i < steps - 1 ? -epsilon : -0.5 * epsilon, gy, p);
        }
        INDArray h1 = ChainArrays.rowSquaredNorms(p).muli(0.5).addi(s.proposalEnergy());
        return MetropolisStep.finish(key, s, h0.subi(h1), epsilon, gradientNorm, steps);
    }
}
