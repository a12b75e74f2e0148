/**
 * Energies held in one SameDiff graph: {@link org.ebm4j.nn.samediff.SameDiffEnergy}, the layer builder that makes
 * them, and their file format.
 */
package org.ebm4j.nn.samediff;
