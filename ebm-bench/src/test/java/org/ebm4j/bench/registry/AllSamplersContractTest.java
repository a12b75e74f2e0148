package org.ebm4j.bench.registry;

import java.util.Map;
import org.ebm4j.api.sampling.SamplerFactory;
import org.ebm4j.rbm.boltzmann.BoltzmannMachine;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.sampling.contract.SamplerContract;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every sampler on the class path, as the {@code ebm} command line finds them (all modules plus the test plug-in),
 * meets ebm-sampling's {@link SamplerContract}. The Gibbs samplers of binary models get binary targets: an RBM (and
 * a Boltzmann machine) with 10 visible units whose biases of −3 make "all units on" — the bad start — improbable.
 */
class AllSamplersContractTest extends SamplerContract {

    private static final int VISIBLE = 10;
    private static final int HIDDEN = 4;

    @Override
    protected Map<String, SamplerFactory> samplers() {
        return ComponentRegistry.discover().samplers().all();
    }

    @Override
    protected Target targetFor(String name) {
        return switch (name) {
            case "gibbs-rbm", "parallel-tempering-rbm" -> new Target(
                    new BernoulliRbm(Nd4j.zeros(DataType.DOUBLE, VISIBLE, HIDDEN),
                            Nd4j.valueArrayOf(new long[] {VISIBLE}, -3.0, DataType.DOUBLE),
                            Nd4j.zeros(DataType.DOUBLE, HIDDEN)),
                    Nd4j.ones(DataType.DOUBLE, 200, VISIBLE));
            case "sequential-gibbs-bm" -> new Target(
                    new BoltzmannMachine(Nd4j.zeros(DataType.DOUBLE, VISIBLE, HIDDEN),
                            Nd4j.zeros(DataType.DOUBLE, VISIBLE, VISIBLE), Nd4j.zeros(DataType.DOUBLE, HIDDEN, HIDDEN),
                            Nd4j.valueArrayOf(new long[] {VISIBLE}, -3.0, DataType.DOUBLE),
                            Nd4j.valueArrayOf(new long[] {HIDDEN}, -3.0, DataType.DOUBLE)),
                    Nd4j.ones(DataType.DOUBLE, 200, VISIBLE + HIDDEN));
            default -> super.targetFor(name);
        };
    }
}
