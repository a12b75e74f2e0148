package org.ebm4j.training.loop;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.energy.ParametricEnergy;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.sampling.SamplingResult;
import org.ebm4j.api.training.Objective;
import org.ebm4j.api.training.ObjectiveResult;
import org.ebm4j.api.training.Optimizer;
import org.ebm4j.api.training.ReplayBuffer;
import org.ebm4j.api.training.TrainingDivergedException;
import org.ebm4j.training.buffer.BufferCounters;
import org.ebm4j.training.buffer.KernelStateBuffer;
import org.ebm4j.training.checkpoint.TrainingCheckpoint;
import org.ebm4j.training.objective.StatefulObjective;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The one training loop of ebm4j, for neural EBMs (CD with a replay buffer) and RBMs (CD-k, PCD) alike. Each
 * iteration:
 * <ol>
 *   <li>takes the next minibatch x⁺ of a seeded shuffle, adds N(0, σ²) noise and clamps (if configured);</li>
 *   <li>starts chains from the replay buffer (or from x⁺ for CD-k), runs the sampling kernel for
 *       {@code samplingSteps} steps to get x⁻, and stores x⁻ in the buffer; a {@link KernelStateBuffer} instead
 *       keeps the kernel's whole state (parallel tempering's replicas) from one iteration to the next;</li>
 *   <li>evaluates the objective, checks health (finite energies and gradients, |E| within bound), clips the
 *       gradient's global L2 norm, and lets the optimiser update the parameters;</li>
 *   <li>reports to listeners and writes a checkpoint when due.</li>
 * </ol>
 *
 * <p>Reproducibility: every random draw of iteration t derives from {@code RandomKey.of(seed).fold(t)}, and the shuffle
 * of epoch e from {@code fold("epoch").fold(e)}; so a run resumed from a checkpoint continues exactly as the
 * uninterrupted run would have (on the CPU).
 *
 * <p>Health: a non-finite loss term, energy or gradient, or a mean energy beyond {@code energyBound}, stops the run
 * with a {@link TrainingDivergedException} before the update, so no poisoned parameters reach a checkpoint.
 */
public final class EbmTrainer extends EpochLoopTrainer {

    private static final String BUFFER_COUNTER = "buffer.counter.";

    private final ParametricEnergy model;
    private final Dataset data;
    private final SamplingKernel<?> sampler;
    private final ReplayBuffer buffer;
    private final Objective objective;
    private final Optimizer optimizer;
    private final TrainerConfig config;
    private final Map<String, String> provenance;

    private EbmTrainer(Builder b) {
        super(Objects.requireNonNull(b.model, "model"), Objects.requireNonNull(b.data, "data").size(),
                Objects.requireNonNull(b.config, "config").batchSize(), b.config.epochs(), b.config.seed());
        this.model = b.model;
        this.data = b.data;
        this.sampler = Objects.requireNonNull(b.sampler, "sampler");
        this.objective = Objects.requireNonNull(b.objective, "objective");
        this.optimizer = Objects.requireNonNull(b.optimizer, "optimizer");
        this.config = b.config;
        this.buffer = b.buffer;
        this.provenance = Map.copyOf(b.provenance);
        if (config.chainStart() == TrainerConfig.ChainStart.BUFFER && buffer == null) {
            throw new IllegalArgumentException("chain_start = BUFFER needs a replay buffer; none was given");
        }
        if (!Arrays.equals(data.sampleShape(), model.sampleShape())) {
            throw new IllegalArgumentException("data '" + data.name() + "' has sample shape "
                    + Arrays.toString(data.sampleShape()) + "; the model expects " + Arrays.toString(model.sampleShape()));
        }
        if (data.size() < config.batchSize()) {
            throw new IllegalArgumentException("data '" + data.name() + "' has " + data.size()
                    + " samples; expected at least batch_size = " + config.batchSize());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the learning rate of {@code epoch}: lr · decayᵉᵖᵒᶜʰ. */
    public double learningRate(int epoch) {
        return config.learningRate() * Math.pow(config.learningRateDecay(), epoch);
    }

    @Override
    protected Update update(RandomKey key, int epoch, int[] indices) {
        long t0 = System.nanoTime();
        INDArray positive = perturb(data.features(indices), key.fold("data-noise"));

        SamplingResult<?> chains;
        if (config.chainStart() == TrainerConfig.ChainStart.BUFFER && buffer instanceof KernelStateBuffer stateful) {
            SamplerState state = stateful.resume(sampler, config.batchSize(), key.fold("buffer"));
            chains = continueChains(sampler, state, config.samplingSteps(), key.fold("sampler"));
            stateful.keep(chains.finalState());
        } else {
            INDArray start = config.chainStart() == TrainerConfig.ChainStart.DATA
                    ? positive.dup() : buffer.draw(config.batchSize(), key.fold("buffer"));
            chains = runChains(sampler, start, config.samplingSteps(), key.fold("sampler"));
            if (buffer != null && config.chainStart() == TrainerConfig.ChainStart.BUFFER) {
                buffer.add(chains.samples());
            }
        }
        INDArray negative = chains.samples();
        long t1 = System.nanoTime();

        ObjectiveResult result = objective.evaluate(model, positive, negative);
        checkHealth(result.terms(), config.energyBound());
        double gradNorm = globalNorm(result.gradients());
        if (!Double.isFinite(gradNorm)) {
            throw diverged("gradient norm = " + gradNorm);
        }
        if (gradNorm > config.gradientClipNorm()) {
            double scale = config.gradientClipNorm() / gradNorm;
            result.gradients().values().forEach(g -> g.muli(scale));
        }
        double lr = learningRate(epoch);
        optimizer.update(model.parameters(), result.gradients(), lr);

        Map<String, Double> metrics = new LinkedHashMap<>(result.terms());
        metrics.put("grad_norm", gradNorm);
        metrics.put("acceptance", chains.meanAcceptanceRate());
        metrics.put("sampling_seconds", (t1 - t0) / 1e9);
        metrics.put("seconds", (System.nanoTime() - t0) / 1e9);
        if (buffer != null) {
            metrics.put("buffer_size", (double) buffer.size());
        }
        if (buffer instanceof KernelStateBuffer stateful) {
            metrics.putAll(stateful.metrics());
        }
        return new Update(lr, metrics, () -> negative);
    }

    @Override
    protected void afterUpdate(boolean epochEnd) {
        if (config.checkpointFile() != null && (iteration() % config.checkpointEvery() == 0 || epochEnd)) {
            writeCheckpoint(config.checkpointFile());
        }
    }

    private static <S extends SamplerState> SamplingResult<S> runChains(SamplingKernel<S> kernel, INDArray start,
                                                                        int steps, RandomKey key) {
        return SamplingDriver.run(kernel, start, steps, key);
    }

    /** Continues {@code state}, which a {@link KernelStateBuffer} vouched for as a state of {@code kernel}. */
    @SuppressWarnings("unchecked")
    private static <S extends SamplerState> SamplingResult<S> continueChains(SamplingKernel<S> kernel,
                                                                             SamplerState state, int steps,
                                                                             RandomKey key) {
        return SamplingDriver.run(kernel, (S) state, steps, key, false, null);
    }

    private INDArray perturb(INDArray positive, RandomKey key) {
        if (config.dataNoiseStd() > 0) {
            INDArray noise = Nd4j.createUninitialized(positive.dataType(), positive.shape());
            try (Random rng = key.nd4jRandom()) {
                Nd4j.getExecutioner().exec(new GaussianDistribution(noise, 0, config.dataNoiseStd()), rng);
            } catch (Exception e) {
                throw new IllegalStateException("closing the native random generator failed", e);
            }
            positive.addi(noise);
        }
        if (config.clampData()) {
            Transforms.max(positive, config.clampLow(), false);
            Transforms.min(positive, config.clampHigh(), false);
        }
        return positive;
    }

    private static double globalNorm(Map<String, INDArray> gradients) {
        double sumSquares = 0;
        for (INDArray g : gradients.values()) {
            sumSquares += sumOfSquares(g);
        }
        return Math.sqrt(sumSquares);
    }

    /** @return Σ g², by BLAS dot (vectorised) where it is finite, else through the overflow-safe L2 norm. */
    private static double sumOfSquares(INDArray g) {
        if (g.isView() || g.ordering() != 'c' || g.length() == 0) {
            double n = g.norm2Number().doubleValue();
            return n * n;
        }
        double dot = Nd4j.getBlasWrapper().level1().dot(g.length(), 1.0, g, g);
        if (Double.isFinite(dot)) {
            return dot;
        }
        double n = g.norm2Number().doubleValue();
        return n * n;
    }

    @Override
    public TrainingCheckpoint checkpoint() {
        Map<String, INDArray> params = new LinkedHashMap<>();
        model.parameters().forEach((k, v) -> params.put(k, v.dup()));
        Map<String, String> meta = new LinkedHashMap<>(provenance);
        meta.put("architecture", model.architecture());
        meta.put("config", config.toString());
        if (buffer instanceof BufferCounters counted) {
            counted.counters().forEach((k, v) -> meta.put(BUFFER_COUNTER + k, Long.toString(v)));
        }
        return new TrainingCheckpoint(iteration(), config.seed(), params, optimizer.state(),
                buffer == null ? null : buffer.snapshot(), meta,
                objective instanceof StatefulObjective stateful ? stateful.state() : Map.of());
    }

    /**
     * Continues from {@code checkpoint}: parameters, optimiser state, buffer, objective state and iteration counter.
     *
     * @throws IllegalArgumentException if the checkpoint's parameters or seed do not match this run
     */
    @Override
    public void restore(TrainingCheckpoint checkpoint) {
        checkpoint.restoreParameters(config.seed(), model.parameters());
        optimizer.restore(checkpoint.optimizerState());
        if (objective instanceof StatefulObjective stateful) {
            stateful.restore(checkpoint.objectiveState());
        }
        if (buffer != null && checkpoint.buffer() != null) {
            buffer.restore(checkpoint.buffer());
            if (buffer instanceof BufferCounters counted) {
                Map<String, Long> counters = new LinkedHashMap<>();
                checkpoint.metadata().forEach((k, v) -> {
                    if (k.startsWith(BUFFER_COUNTER)) {
                        counters.put(k.substring(BUFFER_COUNTER.length()), Long.parseLong(v));
                    }
                });
                counted.restoreCounters(counters);
            }
        }
        resumeAt(checkpoint);
    }

    /** Assembles an {@link EbmTrainer}; model, data, sampler, objective, optimizer and config are required. */
    public static final class Builder {
        private ParametricEnergy model;
        private Dataset data;
        private SamplingKernel<?> sampler;
        private ReplayBuffer buffer;
        private Objective objective;
        private Optimizer optimizer;
        private TrainerConfig config = TrainerConfig.defaults();
        private final Map<String, String> provenance = new LinkedHashMap<>();

        public Builder model(ParametricEnergy value) {
            this.model = value;
            return this;
        }

        public Builder data(Dataset value) {
            this.data = value;
            return this;
        }

        /** @param value the kernel for the negative phase; it must target {@code model} */
        public Builder sampler(SamplingKernel<?> value) {
            this.sampler = value;
            return this;
        }

        /** @param value where chains start (required unless chain_start = DATA) */
        public Builder buffer(ReplayBuffer value) {
            this.buffer = value;
            return this;
        }

        public Builder objective(Objective value) {
            this.objective = value;
            return this;
        }

        public Builder optimizer(Optimizer value) {
            this.optimizer = value;
            return this;
        }

        public Builder config(TrainerConfig value) {
            this.config = value;
            return this;
        }

        /** Adds a provenance entry written into every checkpoint (command line, data checksum, versions). */
        public Builder provenance(String key, String value) {
            this.provenance.put(key, value);
            return this;
        }

        public EbmTrainer build() {
            return new EbmTrainer(this);
        }
    }
}
