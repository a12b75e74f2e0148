package org.ebm4j.sampling.langevin;

import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.sampling.chains.ChainArrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * State of an unadjusted Langevin kernel (seed-langevin, ULA, SGLD): the positions and the work buffers that every
 * step reuses, so a step allocates no chain-sized array.
 *
 * @param position shape {@code [n, ...sampleShape]}
 * @param step steps taken since init
 * @param gradient work buffer for ∇ₓE, same shape as {@code position}
 * @param energy work buffer for energies, shape {@code [n]}
 * @param noise work buffer for the Gaussian noise, same shape as {@code position}
 */
public record LangevinState(INDArray position, long step, INDArray gradient, INDArray energy, INDArray noise)
        implements SamplerState {

    /** @return the state after {@code init(position)}: checked, C-ordered, with fresh buffers. */
    static LangevinState initial(EnergyFunction energy, INDArray position) {
        INDArray x = ChainArrays.checkedPosition(energy, position);
        return new LangevinState(x, 0, x.ulike(), Nd4j.create(x.dataType(), x.size(0)), x.ulike());
    }

    /** @return the next state, sharing this state's buffers. */
    LangevinState next(INDArray newPosition) {
        return new LangevinState(newPosition, step + 1, gradient, energy, noise);
    }
}
