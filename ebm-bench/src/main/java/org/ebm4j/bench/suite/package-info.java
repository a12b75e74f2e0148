/**
 * Benchmark suites: a matrix of components × hyper-parameters × seeds defined in YAML, expanded into cells that an
 * engine runs (in-process or on Spark), with durable results, provenance, resume and reports.
 */
package org.ebm4j.bench.suite;
