package org.ebm4j.bench.registry;

import java.util.Map;
import org.ebm4j.api.sampling.SamplerFactory;
import org.ebm4j.sampling.contract.SamplerContract;

/**
 * Every sampler on the class path, as the {@code ebm} command line finds them (all modules plus the test plug-in),
 * meets ebm-sampling's {@link SamplerContract}; samplers that need more than a plain energy (Gibbs for RBMs) are
 * skipped by the contract.
 */
class AllSamplersContractTest extends SamplerContract {

    @Override
    protected Map<String, SamplerFactory> samplers() {
        return ComponentRegistry.discover().samplers().all();
    }
}
