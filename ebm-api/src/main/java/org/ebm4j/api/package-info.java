/**
 * The service-provider interfaces of ebm4j and the small value types they exchange.
 *
 * <p>This module depends on ND4J's {@code nd4j-api} (for {@code INDArray}) and the JDK only. Implementations live
 * in the other modules and are found by name at run time (see {@link org.ebm4j.api.registry.NamedComponents}).
 *
 * <p>Conventions that hold everywhere:
 * <ul>
 *   <li>A batch is an {@code INDArray} of shape {@code [n, ...sampleShape]}; energies of a batch have shape
 *       {@code [n]}.</li>
 *   <li>Randomness is passed in as a {@link org.ebm4j.api.random.RandomKey}, never hidden in a field, so the
 *       same key gives the same result on the CPU.</li>
 *   <li>Bad arguments raise {@link java.lang.IllegalArgumentException} whose message names the argument, its value
 *       and what was expected ({@link org.ebm4j.api.config.Checks}).</li>
 * </ul>
 */
package org.ebm4j.api;
