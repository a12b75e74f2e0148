/** Image output of the command line: grids of tiles as PNG. */
package org.ebm4j.bench.image;
