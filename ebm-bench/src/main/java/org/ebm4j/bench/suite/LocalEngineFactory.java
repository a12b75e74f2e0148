package org.ebm4j.bench.suite;

/** The in-process engine: cells run one after another in this JVM. */
public final class LocalEngineFactory implements ExecutionEngineFactory {

    @Override
    public ExecutionEngine create(CellExecutor executor, String master) {
        if (master != null) {
            throw new IllegalArgumentException("--master = '" + master + "' needs --engine spark; the local engine "
                    + "runs in this JVM");
        }
        return new LocalEngine(executor);
    }

    @Override
    public String description() {
        return "cells one after another in this JVM (default)";
    }
}
