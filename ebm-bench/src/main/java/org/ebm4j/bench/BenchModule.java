package org.ebm4j.bench;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.ebm4j.bench.cells.RbmCellRunner;
import org.ebm4j.bench.cells.SamplerCellRunner;
import org.ebm4j.bench.cells.TrainingCellRunner;
import org.ebm4j.bench.peers.ClassifierFidPeer;
import org.ebm4j.bench.peers.ConvLangevinStepPeer;
import org.ebm4j.bench.peers.ConvTrainingIterationPeer;
import org.ebm4j.bench.peers.PeerComparison;
import org.ebm4j.bench.peers.RbmPcdPeer;
import org.ebm4j.bench.peers.Samplers2dPeer;
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
        cells.addBinding("ebm-training").to(TrainingCellRunner.class);
        cells.addBinding("rbm").to(RbmCellRunner.class);
        MapBinder<String, PeerComparison> peers = MapBinder.newMapBinder(binder(), String.class, PeerComparison.class);
        peers.addBinding("conv-langevin-step").to(ConvLangevinStepPeer.class);
        peers.addBinding("conv-training-iteration").to(ConvTrainingIterationPeer.class);
        peers.addBinding("samplers-2d").to(Samplers2dPeer.class);
        peers.addBinding("rbm-pcd").to(RbmPcdPeer.class);
        peers.addBinding("classifier-fid").to(ClassifierFidPeer.class);
    }
}
