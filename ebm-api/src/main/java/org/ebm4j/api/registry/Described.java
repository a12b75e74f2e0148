package org.ebm4j.api.registry;

/** A component that can say in one line what it is (shown by {@code ebm info}). */
public interface Described {

    /** @return one line, for example "Metropolis-adjusted Langevin with dual-averaging step-size adaptation". */
    String description();
}
