/** Pictures of samples: PNG grids of image batches, strips and animated GIFs of chains over sampling steps. */
package org.ebm4j.training.image;
