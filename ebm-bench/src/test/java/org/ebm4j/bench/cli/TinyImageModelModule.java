package org.ebm4j.bench.cli;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFactory;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.energy.EnergyGradient;
import org.ebm4j.api.energy.ParametricEnergy;
import org.ebm4j.api.io.TensorArchive;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerFactory;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.sampling.Step;
import org.ebm4j.api.sampling.StepInfo;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Test-only components for the training commands, registered through test {@code META-INF/services}: a tiny trainable
 * per-pixel quadratic energy "test-tiny-image" and a clamped Langevin sampler "test-langevin". They stand in for
 * conv-swish and seed-langevin, which live in other modules.
 */
public final class TinyImageModelModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, EnergyFactory.class)
                .addBinding("test-tiny-image").toInstance(new EnergyFactory() {
                    @Override
                    public EnergyFunction create(ComponentConfig config) {
                        config.requireOnly(Set.of("shape"));
                        long[] shape = Arrays.stream(config.getString("shape", "1,28,28").split(","))
                                .mapToLong(s -> Long.parseLong(s.trim())).toArray();
                        return new TinyImageEnergy(shape);
                    }

                    @Override
                    public String description() {
                        return "E(x) = sum_d exp(log_a_d) x_d^2 / 2 + b_d x_d (test plug-in)";
                    }
                });
        MapBinder.newMapBinder(binder(), String.class, SamplerFactory.class)
                .addBinding("test-langevin").toInstance(new SamplerFactory() {
                    @Override
                    public SamplingKernel<?> create(EnergyFunction energy, ComponentConfig config) {
                        config.requireOnly(Set.of("step_size", "noise"));
                        return new ClampedLangevin(energy, config.getPositive("step_size", 0.1),
                                config.getPositive("noise", 0.01));
                    }

                    @Override
                    public String description() {
                        return "x <- clamp(x - s grad E + noise xi, -1, 1) (test plug-in)";
                    }
                });
    }

    /** E(x) = Σ_d ½ e^{log_a_d} x_d² + b_d x_d over flattened states. */
    static final class TinyImageEnergy implements ParametricEnergy {
        private final long[] shape;
        private final Map<String, INDArray> params = new LinkedHashMap<>();

        TinyImageEnergy(long[] shape) {
            this.shape = shape.clone();
            long d = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            params.put("log_a", Nd4j.zeros(DataType.FLOAT, 1, d));
            params.put("b", Nd4j.zeros(DataType.FLOAT, 1, d));
        }

        private INDArray flat(INDArray x) {
            return x.reshape(x.size(0), dimension()).castTo(DataType.FLOAT);
        }

        @Override
        public long[] sampleShape() {
            return shape.clone();
        }

        @Override
        public INDArray energy(INDArray x) {
            checkBatch("x", x);
            INDArray f = flat(x);
            INDArray a = Transforms.exp(params.get("log_a"), true);
            return f.mul(f).muliRowVector(a).muli(0.5).addi(f.mulRowVector(params.get("b"))).sum(1);
        }

        @Override
        public EnergyGradient energyAndGradient(INDArray x) {
            INDArray f = flat(x);
            INDArray g = f.mulRowVector(Transforms.exp(params.get("log_a"), true)).addiRowVector(params.get("b"));
            return new EnergyGradient(energy(x), g.reshape(x.shape()).castTo(x.dataType()));
        }

        @Override
        public Map<String, INDArray> parameterGradient(INDArray x, INDArray energyWeights) {
            INDArray f = flat(x);
            INDArray w = energyWeights.castTo(DataType.FLOAT).reshape(-1, 1);
            Map<String, INDArray> g = new LinkedHashMap<>();
            g.put("log_a", f.mul(f).muliRowVector(Transforms.exp(params.get("log_a"), true)).muli(0.5)
                    .muliColumnVector(w).sum(true, 0));
            g.put("b", f.mulColumnVector(w).sum(true, 0));
            return g;
        }

        @Override
        public Map<String, INDArray> parameters() {
            return params;
        }

        @Override
        public String architecture() {
            return "test-tiny-image " + Arrays.toString(shape);
        }

        @Override
        public void save(Path file) throws IOException {
            TensorArchive.write(file, Map.of("architecture", architecture()), params);
        }
    }

    record State(INDArray position, long step) implements SamplerState {
    }

    record ClampedLangevin(EnergyFunction energy, double stepSize, double noise) implements SamplingKernel<State> {
        @Override
        public String name() {
            return "test-langevin";
        }

        @Override
        public State init(INDArray position) {
            return new State(org.ebm4j.api.config.Checks.finite("position", energy.checkBatch("position", position)), 0);
        }

        @Override
        public Step<State> step(RandomKey key, State state) {
            INDArray x = state.position();
            INDArray xi = Nd4j.createUninitialized(x.dataType(), x.shape());
            try (Random rng = key.nd4jRandom()) {
                Nd4j.getExecutioner().exec(new GaussianDistribution(xi, 0, noise), rng);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            x.subi(energy.energyAndGradient(x).gradient().muli(stepSize)).addi(xi);
            Transforms.max(x, -1, false);
            Transforms.min(x, 1, false);
            return new Step<>(new State(x, state.step() + 1),
                    StepInfo.of(state.step() + 1, stepSize, Double.NaN, Double.NaN, Double.NaN, 1));
        }
    }
}
