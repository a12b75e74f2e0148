/**
 * Sample quality for images: an in-project MNIST classifier whose penultimate features give a Fréchet distance
 * ("classifier-FID") and whose predictions give an inception-style score, so samples from ebm4j and from other stacks
 * are scored by one metric.
 */
package org.ebm4j.bench.quality;
