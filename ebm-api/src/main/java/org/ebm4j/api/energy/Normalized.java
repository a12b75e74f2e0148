package org.ebm4j.api.energy;

/**
 * Optional capability of an energy whose normaliser is known: log Z = log ∫ exp(−E(x)) dx (or the sum over discrete
 * states), so that log p(x) = −E(x) − log Z exactly.
 */
public interface Normalized {

    /** @return log Z, in nats. */
    double logPartition();
}
