/**
 * The Spark execution engine for benchmark suites: {@code ebm bench run SUITE --engine spark [--master URL]} runs one
 * Spark task per cell, each with the same cell code as the local engine.
 */
package org.ebm4j.spark;
