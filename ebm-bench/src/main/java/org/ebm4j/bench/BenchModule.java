package org.ebm4j.bench;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.ebm4j.bench.cells.SamplerCellRunner;
import org.ebm4j.bench.suite.CellRunner;
import org.ebm4j.bench.suite.ExecutionEngineFactory;
import org.ebm4j.bench.suite.LocalEngineFactory;

/** The bench's own components: execution engines, benchmark cell runners, peer comparisons. */
public final class BenchModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, ExecutionEngineFactory.class)
                .addBinding("local").to(LocalEngineFactory.class);
        MapBinder<String, CellRunner> cells = MapBinder.newMapBinder(binder(), String.class, CellRunner.class);
        cells.addBinding("sampler").to(SamplerCellRunner.class);
    }
}
