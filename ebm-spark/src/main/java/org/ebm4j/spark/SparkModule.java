package org.ebm4j.spark;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.ebm4j.bench.suite.ExecutionEngineFactory;

/** Registers the {@code spark} execution engine. */
public final class SparkModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, ExecutionEngineFactory.class)
                .addBinding("spark").to(SparkEngineFactory.class);
    }
}
