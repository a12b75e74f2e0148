/**
 * Step-size adaptation as kernel wrappers (BlackJAX style): {@link org.ebm4j.sampling.adaptation.DualAveragingKernel}
 * wraps any {@link org.ebm4j.sampling.adaptation.StepSizeKernel} and tunes its step size during warm-up.
 */
package org.ebm4j.sampling.adaptation;
