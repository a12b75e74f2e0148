/**
 * MCMC and sample-quality diagnostics: rank-normalised split-R̂, bulk and tail effective sample size and the Monte
 * Carlo standard error (Vehtari, Gelman, Simpson, Carpenter &amp; Bürkner 2021), acceptance summaries, and two-sample
 * distances to exact samples (MMD², sliced Wasserstein).
 */
package org.ebm4j.sampling.diagnostics;
