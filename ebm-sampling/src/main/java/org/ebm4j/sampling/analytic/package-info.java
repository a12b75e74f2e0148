/**
 * Analytic target energies with known ground truth (exact samples, exact log-normaliser, exact moments), for
 * testing samplers and for benchmarks: an isotropic Gaussian of any dimension and 2-D targets (correlated Gaussian,
 * ring mixture, ring, banana, checkerboard). Energies are −log density up to the stated log Z.
 */
package org.ebm4j.sampling.analytic;
