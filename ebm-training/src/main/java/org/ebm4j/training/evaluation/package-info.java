/** Evaluation of trained energies: AUROC of out-of-distribution detection. */
package org.ebm4j.training.evaluation;
