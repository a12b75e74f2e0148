package org.ebm4j.training;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.Locale;
import java.util.Set;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.data.DatasetFactory;
import org.ebm4j.api.training.Objective;
import org.ebm4j.api.training.ObjectiveFactory;
import org.ebm4j.api.training.Optimizer;
import org.ebm4j.api.training.OptimizerFactory;
import org.ebm4j.api.training.ReplayBuffer;
import org.ebm4j.api.training.ReplayBufferFactory;
import org.ebm4j.training.buffer.FreshNoiseBuffer;
import org.ebm4j.training.buffer.PersistentChains;
import org.ebm4j.training.buffer.ReservoirBuffer;
import org.ebm4j.training.buffer.SeedReplayBuffer;
import org.ebm4j.training.data.IdxDatasetFactory;
import org.ebm4j.training.data.PngFolderDatasetFactory;
import org.ebm4j.training.objective.ContrastiveDivergence;
import org.ebm4j.training.optim.Adam;
import org.ebm4j.training.optim.Sgd;
import org.nd4j.linalg.api.buffer.DataType;

/** Registers ebm-training's components by name. */
public final class TrainingModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, ObjectiveFactory.class)
                .addBinding("contrastive-divergence").toInstance(new CdFactory());
        MapBinder<String, OptimizerFactory> optimizers =
                MapBinder.newMapBinder(binder(), String.class, OptimizerFactory.class);
        optimizers.addBinding("adam").toInstance(new AdamFactory());
        optimizers.addBinding("sgd").toInstance(new SgdFactory());
        MapBinder.newMapBinder(binder(), String.class, ReplayBufferFactory.class)
                .addBinding("persistent").toInstance(new PersistentFactory());
        MapBinder<String, ReplayBufferFactory> buffers =
                MapBinder.newMapBinder(binder(), String.class, ReplayBufferFactory.class);
        buffers.addBinding("seed-buffer").toInstance(new SeedBufferFactory());
        buffers.addBinding("reservoir").toInstance(new ReservoirFactory());
        buffers.addBinding("none").toInstance(new FreshNoiseFactory());
        MapBinder<String, DatasetFactory> datasets =
                MapBinder.newMapBinder(binder(), String.class, DatasetFactory.class);
        datasets.addBinding("mnist").toInstance(IdxDatasetFactory.mnist());
        datasets.addBinding("idx").toInstance(IdxDatasetFactory.idx());
        datasets.addBinding("png-folder").toInstance(new PngFolderDatasetFactory());
    }

    private static final class PersistentFactory implements ReplayBufferFactory {
        @Override
        public ReplayBuffer create(long[] sampleShape, ComponentConfig config) {
            config.requireOnly(Set.of("chains", "init", "low", "high", "dtype"));
            String init = config.getString("init", "uniform").toUpperCase(Locale.ROOT);
            PersistentChains.Init kind;
            try {
                kind = PersistentChains.Init.valueOf(init);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(config.component() + ": init = '" + init.toLowerCase(Locale.ROOT)
                        + "'; expected uniform or bernoulli", e);
            }
            return new PersistentChains(sampleShape, config.getPositiveInt("chains", 128), kind,
                    config.getDouble("low", -1), config.getDouble("high", 1), dataType(config));
        }

        @Override
        public String description() {
            return "persistent chains (PCD, Tieleman 2008): each iteration continues the previous chains";
        }
    }

    private static DataType dataType(ComponentConfig config) {
        String dtype = config.getString("dtype", "float");
        return switch (dtype) {
            case "float" -> DataType.FLOAT;
            case "double" -> DataType.DOUBLE;
            default -> throw new IllegalArgumentException(config.component() + ": dtype = '" + dtype
                    + "'; expected float or double");
        };
    }

    private static final class SeedBufferFactory implements ReplayBufferFactory {
        @Override
        public ReplayBuffer create(long[] sampleShape, ComponentConfig config) {
            config.requireOnly(Set.of("max_len", "fresh", "low", "high", "dtype"));
            return new SeedReplayBuffer(sampleShape, config.getPositiveInt("max_len", 8192),
                    config.getInRange("fresh", 0.05, 0, 1), config.getDouble("low", -1), config.getDouble("high", 1),
                    dataType(config));
        }

        @Override
        public String description() {
            return "the recipe's replay buffer: Binomial(n, 0.05) fresh U(-1,1) starts, the rest from the newest "
                    + "8192 samples";
        }
    }

    private static final class ReservoirFactory implements ReplayBufferFactory {
        @Override
        public ReplayBuffer create(long[] sampleShape, ComponentConfig config) {
            config.requireOnly(Set.of("capacity", "fresh", "low", "high", "dtype", "seed"));
            return new ReservoirBuffer(sampleShape, config.getPositiveInt("capacity", 8192),
                    config.getInRange("fresh", 0.05, 0, 1), config.getDouble("low", -1), config.getDouble("high", 1),
                    dataType(config), config.getLong("seed", 0));
        }

        @Override
        public String description() {
            return "reservoir sampling: a uniform sample of all negatives so far; fresh starts as seed-buffer";
        }
    }

    private static final class FreshNoiseFactory implements ReplayBufferFactory {
        @Override
        public ReplayBuffer create(long[] sampleShape, ComponentConfig config) {
            config.requireOnly(Set.of("low", "high", "dtype"));
            return new FreshNoiseBuffer(sampleShape, config.getDouble("low", -1), config.getDouble("high", 1),
                    dataType(config));
        }

        @Override
        public String description() {
            return "no replay: every chain starts from fresh U(-1, 1) noise";
        }
    }

    private static final class CdFactory implements ObjectiveFactory {
        @Override
        public Objective create(ComponentConfig config) {
            config.requireOnly(Set.of("alpha"));
            return new ContrastiveDivergence(config.getDouble("alpha", 0.1));
        }

        @Override
        public String description() {
            return "mean E(real) - mean E(fake) + alpha * mean(E_real^2 + E_fake^2) (alpha = 0.1; 0 for RBM CD-k/PCD)";
        }
    }

    private static final class AdamFactory implements OptimizerFactory {
        @Override
        public Optimizer create(ComponentConfig config) {
            config.requireOnly(Set.of("beta1", "beta2", "epsilon", "weight_decay"));
            return new Adam(config.getDouble("beta1", 0.0), config.getDouble("beta2", 0.999),
                    config.getDouble("epsilon", 1e-8), config.getDouble("weight_decay", 0.0));
        }

        @Override
        public String description() {
            return "Adam with bias correction (defaults of the EBM recipe: beta1 = 0, beta2 = 0.999)";
        }
    }

    private static final class SgdFactory implements OptimizerFactory {
        @Override
        public Optimizer create(ComponentConfig config) {
            config.requireOnly(Set.of("momentum", "weight_decay"));
            return new Sgd(config.getDouble("momentum", 0.0), config.getDouble("weight_decay", 0.0));
        }

        @Override
        public String description() {
            return "SGD with classical momentum and L2 weight decay (RBM training)";
        }
    }
}
