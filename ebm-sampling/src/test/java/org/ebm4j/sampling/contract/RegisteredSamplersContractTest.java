package org.ebm4j.sampling.contract;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Map;
import org.ebm4j.api.sampling.SamplerFactory;
import org.ebm4j.sampling.SamplingModule;

/** Every sampler that {@link SamplingModule} registers meets {@link SamplerContract}. */
class RegisteredSamplersContractTest extends SamplerContract {

    @Override
    protected Map<String, SamplerFactory> samplers() {
        return Guice.createInjector(new SamplingModule()).getInstance(Key.get(new TypeLiteral<>() { }));
    }
}
