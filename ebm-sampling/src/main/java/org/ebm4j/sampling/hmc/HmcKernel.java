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
 * <p>Jitter: with a fixed integration time Lε, HMC can be periodic: on a Gaussian, a path of half the period 2πσ of
 * some direction maps x to −x there whatever the momentum, so that direction never mixes (Neal 2011, §5.4.2.2). A
 * jitter j &gt; 0 draws each step's ε uniformly from [ε(1 − j), ε(1 + j)] (one draw for all chains per step), which
 * breaks the periodicity and keeps the kernel exact.
 *
 * @param energy the target
 * @param stepSize ε, {@code > 0}
 * @param leapfrogSteps L when {@code pathLength} is NaN, {@code >= 1}
 * @param pathLength λ = Lε, or NaN to use {@code leapfrogSteps}
 * @param jitter j in [0, 1)
 */
public record HmcKernel(EnergyFunction energy, double stepSize, int leapfrogSteps, double pathLength, double jitter)
        implements StepSizeKernel<MetropolisState> {

    /** A kernel without jitter. */
    public HmcKernel(EnergyFunction energy, double stepSize, int leapfrogSteps, double pathLength) {
        this(energy, stepSize, leapfrogSteps, pathLength, 0.0);
    }

    public HmcKernel {
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("hmc: jitter = " + jitter + "; expected a number in [0, 1)");
        }
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
    public Step<MetropolisState> step(RandomKey key, MetropolisState s, double nominalStepSize) {
        Checks.positive("hmc: step size", nominalStepSize);
        double epsilon = jitter == 0 ? nominalStepSize
                : nominalStepSize * (1 + jitter * (2 * key.fold("jitter").javaRandom().nextDouble() - 1));
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
