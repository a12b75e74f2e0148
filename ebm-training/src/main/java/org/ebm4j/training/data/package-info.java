/** Datasets: in-memory arrays, image files. */
package org.ebm4j.training.data;
