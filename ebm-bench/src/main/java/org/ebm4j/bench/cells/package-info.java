/** The benchmark cell runners shipped with ebm4j, one per cell kind. */
package org.ebm4j.bench.cells;
