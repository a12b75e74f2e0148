package org.ebm4j.rbm.model;

import org.ebm4j.api.energy.ParametricEnergy;
import org.ebm4j.api.random.RandomKey;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A restricted Boltzmann machine: visible units v and hidden units h with a joint energy E(v, h) and no connections
 * within a layer, so both conditionals p(h | v) and p(v | h) factorise and are sampled in one batched operation. As a
 * {@link ParametricEnergy} its energy is the free energy F(v) = −log Σ_h exp(−E(v, h)) of the visible units, so
 * p(v) = exp(−F(v)) / Z and the contrastive-divergence gradient is ∇_θ F(v⁺) − ∇_θ F(v⁻).
 *
 * <p>Every conditional takes an inverse temperature β: the tempered model p_β(v, h) ∝ exp(−β E(v, h)) is what
 * parallel tempering runs; β = 1 is the model itself.
 */
public interface RestrictedBoltzmannMachine extends ParametricEnergy {

    /** @return the number of visible units. */
    int visibleUnits();

    /** @return the number of hidden units. */
    int hiddenUnits();

    /**
     * @param visible shape {@code [n, visibleUnits]}
     * @param beta inverse temperature, {@code > 0}
     * @return E_β[h | v], shape {@code [n, hiddenUnits]}
     */
    INDArray hiddenMean(INDArray visible, double beta);

    /**
     * @param visible shape {@code [n, visibleUnits]}
     * @return a draw h ~ p_β(h | v), shape {@code [n, hiddenUnits]}
     */
    INDArray sampleHidden(INDArray visible, double beta, RandomKey key);

    /**
     * @param hidden shape {@code [n, hiddenUnits]}
     * @return E_β[v | h], shape {@code [n, visibleUnits]}
     */
    INDArray visibleMean(INDArray hidden, double beta);

    /**
     * @param hidden shape {@code [n, hiddenUnits]}
     * @return a draw v ~ p_β(v | h), shape {@code [n, visibleUnits]}
     */
    INDArray sampleVisible(INDArray hidden, double beta, RandomKey key);

    /**
     * @param visible shape {@code [n, visibleUnits]}
     * @param hidden shape {@code [n, hiddenUnits]}
     * @return E(v, h) at β = 1, shape {@code [n]}
     */
    INDArray jointEnergy(INDArray visible, INDArray hidden);
}
