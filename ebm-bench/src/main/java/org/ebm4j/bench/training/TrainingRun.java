package org.ebm4j.bench.training;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.energy.ParametricEnergy;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.training.Objective;
import org.ebm4j.api.training.Optimizer;
import org.ebm4j.api.training.ReplayBuffer;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.ebm4j.training.checkpoint.TrainingCheckpoint;
import org.ebm4j.training.listener.MetricsCsvListener;
import org.ebm4j.training.listener.MetricsJsonLinesListener;
import org.ebm4j.training.listener.ProgressBarListener;
import org.ebm4j.training.listener.SampleGridListener;
import org.ebm4j.training.loop.EbmTrainer;
import org.ebm4j.training.loop.TrainerConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training run assembled from a {@link TrainingSpec}: every component is looked up by name in the registry, so
 * {@code TrainingRun.assemble(ComponentRegistry.discover(), TrainingSpec.recipe(1))} is the whole conv-EBM-on-MNIST
 * set-up. The spec is written into every checkpoint ({@code spec.*} metadata), from which {@link #loadModel} rebuilds
 * the trained energy.
 */
public final class TrainingRun {

    private final TrainingSpec spec;
    private final ParametricEnergy model;
    private final Dataset data;
    private final SamplingKernel<?> sampler;
    private final ReplayBuffer buffer;
    private final EbmTrainer trainer;

    private TrainingRun(TrainingSpec spec, ParametricEnergy model, Dataset data, SamplingKernel<?> sampler,
                        ReplayBuffer buffer, EbmTrainer trainer) {
        this.spec = spec;
        this.model = model;
        this.data = data;
        this.sampler = sampler;
        this.buffer = buffer;
        this.trainer = trainer;
    }

    /**
     * Opens the dataset and creates every component by name.
     *
     * @throws IOException if the dataset's files are missing or corrupt
     * @throws IllegalArgumentException for an unknown name or invalid options (the message says which)
     */
    public static TrainingRun assemble(ComponentRegistry registry, TrainingSpec spec) throws IOException {
        Objects.requireNonNull(spec, "spec");
        Dataset data = registry.datasets().get(spec.dataset().name()).open(spec.dataset().config("dataset"));
        ParametricEnergy model = createModel(registry, spec.energy());
        SamplingKernel<?> sampler = registry.samplers().get(spec.sampler().name())
                .create(model, spec.sampler().config("sampler"));
        ReplayBuffer buffer = spec.trainer().chainStart() == TrainerConfig.ChainStart.BUFFER
                ? registry.replayBuffers().get(spec.buffer().name()).create(data.sampleShape(),
                        spec.buffer().config("replay buffer"))
                : null;
        Objective objective = registry.objectives().get(spec.objective().name())
                .create(spec.objective().config("objective"));
        Optimizer optimizer = registry.optimizers().get(spec.optimizer().name())
                .create(spec.optimizer().config("optimizer"));
        EbmTrainer.Builder builder = EbmTrainer.builder().model(model).data(data).sampler(sampler).buffer(buffer)
                .objective(objective).optimizer(optimizer).config(spec.trainer())
                .provenance("data", data.name() + " n=" + data.size())
                .provenance("sample_shape", Arrays.toString(data.sampleShape()));
        spec.metadata().forEach(builder::provenance);
        return new TrainingRun(spec, model, data, sampler, buffer, builder.build());
    }

    /** @return a new energy {@code energy} from the registry, which must be trainable. */
    public static ParametricEnergy createModel(ComponentRegistry registry, Component energy) {
        EnergyFunction f = registry.energies().get(energy.name()).create(energy.config("energy"));
        if (!(f instanceof ParametricEnergy p)) {
            throw new IllegalArgumentException("energy '" + energy.name() + "' has no trainable parameters ("
                    + f.getClass().getSimpleName() + "); expected a parametric energy such as conv-swish");
        }
        return p;
    }

    /**
     * Rebuilds the trained energy of a checkpoint: creates the recorded energy by name and loads the parameters.
     *
     * @throws IllegalArgumentException if the checkpoint records no energy or its parameters do not fit
     */
    public static ParametricEnergy loadModel(ComponentRegistry registry, TrainingCheckpoint checkpoint) {
        Component energy = TrainingSpec.recorded("energy", checkpoint.metadata());
        if (energy == null) {
            throw new IllegalArgumentException("checkpoint records no energy (no spec.energy metadata); expected a "
                    + "checkpoint written by ebm train");
        }
        ParametricEnergy model = createModel(registry, energy);
        Map<String, INDArray> params = model.parameters();
        if (!params.keySet().equals(checkpoint.parameters().keySet())) {
            throw new IllegalArgumentException("checkpoint has parameters " + checkpoint.parameters().keySet()
                    + "; energy " + energy + " has " + params.keySet());
        }
        params.forEach((name, p) -> {
            INDArray saved = checkpoint.parameters().get(name);
            if (!Arrays.equals(saved.shape(), p.shape())) {
                throw new IllegalArgumentException("checkpoint parameter '" + name + "' has shape "
                        + Arrays.toString(saved.shape()) + "; energy " + energy + " expects " + Arrays.toString(p.shape()));
            }
            p.assign(saved);
        });
        return model;
    }

    /**
     * Checks that {@code checkpoint} was written by a run of the same components and options (epochs may differ).
     *
     * @throws IllegalArgumentException listing every difference
     */
    public static void checkResumable(TrainingSpec spec, TrainingCheckpoint checkpoint) {
        Map<String, String> expected = new TreeMap<>(spec.metadata());
        Map<String, String> saved = new TreeMap<>();
        checkpoint.metadata().forEach((k, v) -> {
            if (k.startsWith("spec.")) {
                saved.put(k, v);
            }
        });
        List<String> differences = new ArrayList<>();
        for (String key : union(expected, saved)) {
            String a = saved.get(key);
            String b = expected.get(key);
            if (!Objects.equals(a, b)) {
                differences.add(key.substring("spec.".length()) + ": checkpoint " + (a == null ? "unset" : a)
                        + ", now " + (b == null ? "unset" : b));
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("cannot resume: the run differs from the checkpoint's in "
                    + String.join("; ", differences) + "; expected the same components and options");
        }
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        TreeMap<String, String> all = new TreeMap<>(a);
        all.putAll(b);
        return new ArrayList<>(all.keySet());
    }

    /**
     * Adds the standard listeners of {@code ebm train}: a progress bar on {@code console} (log lines every
     * {@code logEvery} iterations when it is not a terminal), OUT/metrics.csv, OUT/metrics.jsonl and PNG grids of
     * negatives in OUT/samples every {@code sampleEvery} iterations.
     *
     * @return this run
     */
    public TrainingRun withStandardOutputs(Path out, PrintWriter console, boolean terminal, int logEvery,
                                           int sampleEvery) {
        trainer.addListener(new ProgressBarListener(console, terminal, logEvery));
        trainer.addListener(new MetricsCsvListener(out.resolve("metrics.csv")));
        trainer.addListener(new MetricsJsonLinesListener(out.resolve("metrics.jsonl")));
        trainer.addListener(new SampleGridListener(out.resolve("samples"), sampleEvery, 64));
        return this;
    }

    public TrainingSpec spec() {
        return spec;
    }

    public ParametricEnergy model() {
        return model;
    }

    public Dataset data() {
        return data;
    }

    public SamplingKernel<?> sampler() {
        return sampler;
    }

    /** @return the replay buffer, or null when chains start from data. */
    public ReplayBuffer buffer() {
        return buffer;
    }

    public EbmTrainer trainer() {
        return trainer;
    }
}
