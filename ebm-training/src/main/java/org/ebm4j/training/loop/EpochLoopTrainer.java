package org.ebm4j.training.loop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.ebm4j.api.energy.ParametricEnergy;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.training.IterationReport;
import org.ebm4j.api.training.TrainingContext;
import org.ebm4j.api.training.TrainingDivergedException;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingSummary;
import org.ebm4j.training.checkpoint.TrainingCheckpoint;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The epoch loop every ebm4j training loop shares ({@link EbmTrainer}, the fused RBM trainer of {@code ebm-rbm}): per
 * epoch a seeded shuffle of the data ({@link #epochOrder}), per minibatch one {@link #update}, then the iteration
 * count, the listeners' reports, {@link #afterUpdate} (checkpoints) and the end-of-epoch calls; a
 * {@link TrainingDivergedException} ends the run with a failed summary. The random key of iteration t is
 * {@code RandomKey.of(seed).fold(t)} and the shuffle of epoch e {@code fold("epoch").fold(e)}, so a run resumed from a
 * checkpoint continues as the uninterrupted run would have, and two loops over the same data visit the same
 * minibatches.
 */
public abstract class EpochLoopTrainer implements ResumableTrainer {

    /**
     * What one update reports.
     *
     * @param learningRate the learning rate it used
     * @param metrics its named figures
     * @param negatives its negative samples, built only if a listener is there to receive them
     */
    public record Update(double learningRate, Map<String, Double> metrics, Supplier<INDArray> negatives) {
    }

    private final ParametricEnergy model;
    private final int rows;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final long iterationsPerEpoch;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private long iteration;
    private Path lastCheckpoint;
    private int[] order;
    private int orderEpoch = -1;

    /**
     * @param model the model trained (for the listeners' context)
     * @param rows rows of the training data, {@code >= batchSize}
     * @param batchSize rows per update
     * @param epochs passes over the data
     * @param seed the run's seed
     */
    protected EpochLoopTrainer(ParametricEnergy model, int rows, int batchSize, int epochs, long seed) {
        this.model = Objects.requireNonNull(model, "model");
        this.rows = rows;
        this.batchSize = batchSize;
        this.epochs = epochs;
        this.seed = seed;
        this.iterationsPerEpoch = rows / batchSize;
    }

    @Override
    public final void addListener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** @return parameter updates done so far (including those before a resume). */
    @Override
    public final long iteration() {
        return iteration;
    }

    @Override
    public final long iterationsPerEpoch() {
        return iterationsPerEpoch;
    }

    @Override
    public final TrainingSummary train() {
        TrainingContext context = new TrainingContext(model, epochs, iterationsPerEpoch, iteration);
        beforeRun();
        try {
            listeners.forEach(l -> l.onStart(context));
            return runUpdates(context);
        } finally {
            afterRun();
        }
    }

    private TrainingSummary runUpdates(TrainingContext context) {
        long total = epochs * iterationsPerEpoch;
        long started = System.nanoTime();
        Map<String, Double> last = Map.of();
        try {
            RandomKey runKey = RandomKey.of(seed);
            while (iteration < total) {
                int epoch = (int) (iteration / iterationsPerEpoch);
                if (epoch != orderEpoch) {
                    order = epochOrder(rows, runKey.fold("epoch").fold(epoch));
                    orderEpoch = epoch;
                }
                int batchInEpoch = (int) (iteration % iterationsPerEpoch);
                int[] indices = Arrays.copyOfRange(order, batchInEpoch * batchSize, (batchInEpoch + 1) * batchSize);
                Update update = update(runKey.fold(iteration + 1), epoch, indices);
                iteration++;
                last = update.metrics();
                if (!listeners.isEmpty()) {
                    IterationReport report = new IterationReport(iteration, epoch, update.learningRate(), last,
                            update.negatives().get());
                    listeners.forEach(l -> l.onIteration(context, report));
                }
                boolean epochEnd = iteration % iterationsPerEpoch == 0;
                afterUpdate(epochEnd);
                if (epochEnd) {
                    listeners.forEach(l -> l.onEpochEnd(context, epoch));
                }
            }
        } catch (TrainingDivergedException e) {
            TrainingSummary summary = new TrainingSummary(iteration, seconds(started), false, e.getMessage(), last);
            listeners.forEach(l -> l.onFinish(context, summary));
            throw e;
        }
        TrainingSummary summary = new TrainingSummary(iteration, seconds(started), true, "", last);
        listeners.forEach(l -> l.onFinish(context, summary));
        return summary;
    }

    /**
     * One parameter update on the minibatch of data rows {@code indices}: sample, evaluate, {@link #checkHealth},
     * update. {@link #iteration()} is still the count before this update.
     *
     * @param key this iteration's random key
     * @param epoch the 0-based epoch
     */
    protected abstract Update update(RandomKey key, int epoch, int[] indices);

    /** Before the listeners' {@code onStart} and the first update (load state, start threads). */
    protected void beforeRun() {
    }

    /** When the run ends, after the listeners' {@code onFinish}, or on any exception (release threads). */
    protected void afterRun() {
    }

    /** After each update and its report, before the end-of-epoch calls (write a checkpoint when due). */
    protected void afterUpdate(boolean epochEnd) {
    }

    /**
     * The health check of every loop ({@link TrainingHealth#check}) at the current iteration, naming the last
     * checkpoint written.
     */
    protected final void checkHealth(Map<String, Double> terms, double energyBound) {
        TrainingHealth.check(terms, energyBound, iteration, lastCheckpoint);
    }

    /** @return the divergence error of the current iteration ({@link TrainingHealth#diverged}) */
    protected final TrainingDivergedException diverged(String what) {
        return TrainingHealth.diverged(iteration, what, lastCheckpoint);
    }

    @Override
    public final void writeCheckpoint(Path file) {
        checkpoint().writeUnchecked(file);
        lastCheckpoint = file;
    }

    /** Continues the count from a restored checkpoint (by {@link #restore}). */
    protected final void resumeAt(TrainingCheckpoint checkpoint) {
        iteration = checkpoint.iteration();
    }

    /**
     * The visiting order of one epoch: a Fisher–Yates shuffle of 0 … n−1 driven by {@code key}. The loop calls it
     * with {@code RandomKey.of(seed).fold("epoch").fold(epoch)}.
     */
    public static int[] epochOrder(int n, RandomKey key) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = key.javaRandom();
        for (int i = n - 1; i > 0; i--) { // Fisher–Yates
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
