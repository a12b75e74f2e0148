/** Pictures of samples: 2-D scatter plots over the target's density, drawn with Java2D. */
package org.ebm4j.bench.plot;
