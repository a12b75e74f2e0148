/** Turning benchmark results into reports: Markdown tables, CSV/JSON of every figure, PNG charts. */
package org.ebm4j.bench.report;
