package org.ebm4j.sampling.metropolis;

import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.sampling.chains.ChainArrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * State of a Metropolis-corrected gradient kernel (MALA, HMC): the positions with their energies and gradients
 * (kept so that a rejected proposal costs nothing to restore) and the work buffers for proposals.
 *
 * @param position shape {@code [n, ...sampleShape]}
 * @param energy E(position), shape {@code [n]}
 * @param gradient ∇ₓE(position), same shape as {@code position}
 * @param step steps taken since init
 * @param proposal work buffer, same shape as {@code position}
 * @param proposalEnergy work buffer, shape {@code [n]}
 * @param proposalGradient work buffer, same shape as {@code position}
 * @param noise work buffer (noise or momentum), same shape as {@code position}
 * @param uniform work buffer for acceptance draws, shape {@code [n]}
 */
public record MetropolisState(INDArray position, INDArray energy, INDArray gradient, long step, INDArray proposal,
                              INDArray proposalEnergy, INDArray proposalGradient, INDArray noise, INDArray uniform)
        implements SamplerState {

    /** @return the state for {@code position}, with E and ∇E evaluated once. */
    public static MetropolisState initial(EnergyFunction target, INDArray position) {
        INDArray x = ChainArrays.checkedPosition(target, position);
        INDArray e = Nd4j.create(x.dataType(), x.size(0));
        INDArray g = x.ulike();
        target.energyAndGradient(x, e, g);
        return new MetropolisState(x, e, g, 0, x.ulike(), e.ulike(), x.ulike(), x.ulike(), e.ulike());
    }

    /** @return the state one step later, sharing every buffer. */
    public MetropolisState next() {
        return new MetropolisState(position, energy, gradient, step + 1, proposal, proposalEnergy, proposalGradient,
                noise, uniform);
    }
}
