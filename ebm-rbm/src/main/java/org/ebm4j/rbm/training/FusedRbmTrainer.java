package org.ebm4j.rbm.training;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.training.checkpoint.TrainingCheckpoint;
import org.ebm4j.training.loop.EbmTrainer;
import org.ebm4j.training.loop.EpochLoopTrainer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CD-k and PCD-k for a float {@link BernoulliRbm} on binary data, as one fused loop over Java arrays: the same
 * algorithm, objective and SGD update as {@link RbmTraining}'s reference path (the shared {@link EbmTrainer} with
 * {@code BlockGibbsKernel}, {@code ContrastiveDivergence} and {@code Sgd}), computed the way binary data allow:
 *
 * <ul>
 *   <li>every product of a binary row with W (the data, the chains, the hidden samples with Wᵀ) is a sum of the rows
 *   of W (or Wᵀ) its ones select ({@link BinaryRows}): about 100 of 784 for MNIST;</li>
 *   <li>the Gibbs draws are exact Bernoulli(σ(a)) draws that evaluate σ only for the ~0.2 % of uniforms near a
 *   float approximation of σ(a), and the hidden means come from a polynomial σ, both in loops C2 vectorises
 *   ({@link LogisticKernels});</li>
 *   <li>∇_W = Σᵢ wᵢ vᵢ σ(aᵢ)ᵀ is, per visible unit, a sum of the weighted hidden means of the rows where it is on, and
 *   each row of W is updated as soon as its gradient is known (no gradient array, one pass);</li>
 *   <li>the work is split over {@code threads} by rows (chains, batch rows, visible units), each row with its own
 *   random stream, so the result does not depend on the thread count; the threads are a spinning
 *   {@link WorkerTeam}, awake between the two parallel sections of an update.</li>
 * </ul>
 *
 * <p>Free energies (for the reported terms), the health checks (non-finite or out-of-bound energies stop the run
 * before the update) and the metrics are those of the reference loop; checkpoints have its layout ({@code param/*},
 * {@code optim/step}, {@code optim/u/*}, {@code buffer} = the persistent chains), so either loop continues the
 * other's run (with persistent visible states; persistent hidden samples, {@link RbmTraining.Persist#HIDDEN}, are this
 * loop's alone). The random streams differ from the reference path's: the same seed gives the same run within one
 * engine.
 *
 * <p>The trainer keeps the live parameters in its own arrays while it runs; the model's arrays are brought up to date
 * before every listener call, at checkpoints and when {@link #train()} returns.
 */
public final class FusedRbmTrainer extends EpochLoopTrainer {

    /** Visible units per block of the fused update-and-transpose: 16 floats fill one 64-byte cache line of Wᵀ. */
    private static final int TRANSPOSE_BLOCK = 16;
    /**
     * How long idle workers spin before parking: longer than the serial work between two parallel sections (≤ 0.5 ms),
     * so that they stay awake through a run (waking a parked thread cost 0.2–0.3 ms per section on a KVM guest).
     */
    private static final long WORKER_SPIN_NANOS = 2_000_000;

    private final BernoulliRbm model;
    private final RbmTraining.Settings settings;
    private final int[][] dataRows;
    private final int threads;
    private final boolean persistHidden;
    private final Map<String, String> provenance;
    private final int visible;
    private final int hidden;
    private final int batch;

    private final float[][] weights;
    private final float[][] weightsT;
    private final float[] visibleBias;
    private final float[] hiddenBias;
    private final float[][] velocityW;
    private final float[] velocityB;
    private final float[] velocityC;
    private long optimizerStep;

    private int[][] chains;
    private WorkerTeam team;

    /** Per-update work arrays: hidden means weighted by ∂L/∂F (positive rows first), free energies. */
    private float[][] weightedHidden;
    private final double[] freeEnergy;

    /**
     * @param model a FLOAT Bernoulli RBM, trained in place
     * @param data binary rows (every entry 0 or 1), at least {@code settings.batchSize()} of them
     * @param settings CD or PCD without a sparsity target
     * @param threads worker threads, {@code >= 1}
     * @param provenance extra checkpoint metadata (the algorithm, the settings)
     * @throws IllegalArgumentException if the model, data or settings are outside what this loop computes
     */
    public FusedRbmTrainer(BernoulliRbm model, Dataset data, RbmTraining.Settings settings, int threads,
                           Map<String, String> provenance) {
        this(model, BinaryRows.of("data", data.allFeatures()), settings, threads, provenance);
    }

    FusedRbmTrainer(BernoulliRbm model, int[][] dataRows, RbmTraining.Settings settings, int threads,
                    Map<String, String> provenance) {
        super(model, checkedRows(model, dataRows, settings, threads), settings.batchSize(), settings.epochs(),
                settings.seed());
        this.model = model;
        this.settings = settings;
        this.dataRows = dataRows;
        this.threads = threads;
        this.persistHidden = settings.persist() == RbmTraining.Persist.HIDDEN;
        this.provenance = new LinkedHashMap<>(provenance);
        this.visible = model.visibleUnits();
        this.hidden = model.hiddenUnits();
        this.batch = settings.batchSize();
        this.weights = new float[visible][hidden];
        this.weightsT = new float[hidden][visible];
        this.visibleBias = new float[visible];
        this.hiddenBias = new float[hidden];
        this.velocityW = new float[visible][hidden];
        this.velocityB = new float[visible];
        this.velocityC = new float[hidden];
        this.freeEnergy = new double[2 * batch];
    }

    /** @return how many rows {@code dataRows} has, once the arguments are checked */
    private static int checkedRows(BernoulliRbm model, int[][] dataRows, RbmTraining.Settings settings, int threads) {
        String why = unsupported(model, settings);
        if (why != null) {
            throw new IllegalArgumentException("the fused RBM trainer cannot run this: " + why);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + "; expected >= 1");
        }
        if (dataRows.length < settings.batchSize()) {
            throw new IllegalArgumentException("data has " + dataRows.length + " rows; batch = "
                    + settings.batchSize() + " needs at least that many");
        }
        return dataRows.length;
    }

    /**
     * @return null if this loop computes exactly what the reference path would for {@code model} and {@code s}
     *     (data aside, which must be binary), else the reason it does not
     */
    public static String unsupported(Object model, RbmTraining.Settings s) {
        if (!(model instanceof BernoulliRbm rbm)) {
            return "the model is a " + model.getClass().getSimpleName() + "; expected a BernoulliRbm";
        }
        if (rbm.dataType() != DataType.FLOAT) {
            return "the RBM's data type is " + rbm.dataType() + "; expected FLOAT";
        }
        if (s.algorithm() == RbmTraining.Algorithm.PT) {
            return "algorithm PT; expected CD or PCD";
        }
        if (s.sparsity().enabled()) {
            return "a sparsity target is set; expected none";
        }
        return null;
    }

    /** @return the learning rate of {@code epoch}: lr · decayᵉᵖᵒᶜʰ. */
    public double learningRate(int epoch) {
        return settings.learningRate() * Math.pow(settings.learningRateDecay(), epoch);
    }

    @Override
    protected void beforeRun() {
        loadParameters();
        team = new WorkerTeam(threads, "fused-rbm-trainer", WORKER_SPIN_NANOS);
    }

    @Override
    protected void afterRun() {
        team.close();
        team = null;
    }

    @Override
    protected Update update(RandomKey key, int epoch, int[] indices) {
        long t0 = System.nanoTime();
        int[][] positive = new int[batch][];
        for (int r = 0; r < batch; r++) {
            positive[r] = dataRows[indices[r]];
        }
        boolean persistent = settings.algorithm() == RbmTraining.Algorithm.PCD;
        if (persistent && chains == null) {
            chains = fairCoinChains(key.fold("buffer"), persistHidden ? hidden : visible);
        }
        int[][] negative = sampleAndMeans(persistent ? chains : positive, positive, key.fold("sampler"));
        long t1 = System.nanoTime();

        int[][] stacked = new int[2 * batch][];
        System.arraycopy(positive, 0, stacked, 0, batch);
        System.arraycopy(negative, 0, stacked, batch, batch);
        double ePos = mean(freeEnergy, 0, batch);
        double eNeg = mean(freeEnergy, batch, 2 * batch);
        // the terms of the ContrastiveDivergence objective at α = 0, in its order
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", ePos - eNeg);
        metrics.put("cd", ePos - eNeg);
        metrics.put("reg", meanSquare(freeEnergy, 0, batch) + meanSquare(freeEnergy, batch, 2 * batch));
        metrics.put("e_pos", ePos);
        metrics.put("e_neg", eNeg);
        checkHealth(metrics, RbmTraining.ENERGY_BOUND);
        double lr = learningRate(epoch);
        double gradNorm = Math.sqrt(updateParameters(stacked, lr));

        metrics.put("grad_norm", gradNorm);
        metrics.put("acceptance", 1.0);
        metrics.put("sampling_seconds", (t1 - t0) / 1e9); // the Gibbs steps with both phases' hidden means
        metrics.put("seconds", (System.nanoTime() - t0) / 1e9);
        if (persistent) {
            metrics.put("buffer_size", (double) batch);
        }
        return new Update(lr, metrics, () -> BinaryRows.toArray(negative, visible, DataType.FLOAT));
    }

    private int[][] fairCoinChains(RandomKey key, int units) {
        SplittableRandom rng = key.javaRandom();
        int[][] rows = new int[batch][];
        int[] scratch = new int[units];
        for (int r = 0; r < batch; r++) {
            int count = 0;
            for (int i = 0; i < units; i++) {
                if (rng.nextBoolean()) {
                    scratch[count++] = i;
                }
            }
            rows[r] = Arrays.copyOf(scratch, count);
        }
        return rows;
    }

    /**
     * One parallel pass over the chains: k block-Gibbs steps of chain r (h ~ Bernoulli(σ(c + vW)), then
     * v ~ Bernoulli(σ(b + hWᵀ))), then the hidden means and free energies of its final state and of data row r
     * ({@link #meansAndFreeEnergy}), while the chain's state is still in cache. PCD keeps the final visible states
     * as the chains, or ({@link RbmTraining.Persist#HIDDEN}) starts from the kept hidden samples and keeps a hidden
     * sample drawn from the final state's means.
     *
     * @param start the chains' states (visible, or hidden for persistent hidden samples)
     * @return the chains' final visible states
     */
    private int[][] sampleAndMeans(int[][] start, int[][] positive, RandomKey key) {
        if (weightedHidden == null) {
            weightedHidden = new float[2 * batch][hidden];
        }
        int[][] v = new int[batch][];
        int[][] keptHidden = persistHidden ? new int[batch][] : null;
        parallel(batch, (from, to) -> {
            float[] hiddenPre = new float[hidden];
            float[] visiblePre = new float[visible];
            float[] uniforms = new float[Math.max(hidden, visible)];
            int[] hiddenOnes = new int[hidden];
            int[] visibleOnes = new int[visible];
            float[] approx = new float[Math.max(hidden, visible)];
            double[] widened = new double[hidden];
            double[] sigma = new double[hidden];
            for (int r = from; r < to; r++) {
                SplittableRandom rng = key.fold(r).javaRandom();
                int[] state = start[r];
                for (int s = 0; s < settings.gibbsSteps(); s++) {
                    int[] h;
                    int hCount;
                    if (persistHidden && s == 0) {
                        h = state;
                        hCount = state.length;
                    } else {
                        System.arraycopy(hiddenBias, 0, hiddenPre, 0, hidden);
                        SparseBinaryProducts.addRows(hiddenPre, weights, state, 0, state.length);
                        LogisticKernels.fillUniforms(rng, uniforms, hidden);
                        h = hiddenOnes;
                        hCount = LogisticKernels.draw(hiddenPre, uniforms, hiddenOnes, approx);
                    }
                    System.arraycopy(visibleBias, 0, visiblePre, 0, visible);
                    SparseBinaryProducts.addRows(visiblePre, weightsT, h, 0, hCount);
                    LogisticKernels.fillUniforms(rng, uniforms, visible);
                    state = Arrays.copyOf(visibleOnes, LogisticKernels.draw(visiblePre, uniforms, visibleOnes, approx));
                }
                v[r] = state;
                meansAndFreeEnergy(batch + r, v[r], -1.0 / batch, hiddenPre, widened, sigma);
                if (persistHidden) { // h ~ p(h | v⁻) from the means just computed: σ(a) = −m · (−σ(a)/m)
                    LogisticKernels.fillUniforms(rng, uniforms, hidden);
                    keptHidden[r] = Arrays.copyOf(hiddenOnes, LogisticKernels.drawBelow(weightedHidden[batch + r],
                            -batch, uniforms, hiddenOnes));
                }
                meansAndFreeEnergy(r, positive[r], 1.0 / batch, hiddenPre, widened, sigma);
            }
        });
        if (settings.algorithm() == RbmTraining.Algorithm.PCD) {
            chains = persistHidden ? keptHidden : v;
        }
        return v;
    }

    /**
     * For stacked row r (data rows, then chains) with visible state {@code ones}: a = c + vW, its weighted hidden
     * means wᵣσ(a) with wᵣ = ∂L/∂Fᵣ = 1/n for data rows and −1/m for chains (L = mean F(v⁺) − mean F(v⁻);
     * ∇_W F(v) = −vσ(a)ᵀ, so ∇_W L = −Σᵣ wᵣ vᵣ σ(aᵣ)ᵀ), and F(v) = −bᵀv − Σⱼ max(aⱼ, 0) − Σⱼ log(1 + e^−|aⱼ|).
     */
    private void meansAndFreeEnergy(int r, int[] ones, double weight, float[] pre, double[] widened, double[] sigma) {
        System.arraycopy(hiddenBias, 0, pre, 0, hidden);
        SparseBinaryProducts.addRows(pre, weights, ones, 0, ones.length);
        double softplusSum = LogisticKernels.weightedMeansAndSoftplus(pre, (float) weight, weightedHidden[r], widened,
                sigma);
        double visibleTerm = 0;
        for (int i : ones) {
            visibleTerm += visibleBias[i];
        }
        freeEnergy[r] = -visibleTerm - softplusSum;
    }

    /**
     * The gradient of L and the SGD step u ← μu − lr(g + λθ), θ ← θ + u for W (row by row, each row's gradient
     * Σ over the stacked rows where that visible unit is on of the weighted hidden means), b and c; then Wᵀ.
     *
     * @return the squared norm of the gradient
     */
    private double updateParameters(int[][] stacked, double lr) {
        // which stacked rows have visible unit i on: rowsOn[start[i] .. start[i + 1])
        int[] start = new int[visible + 1];
        for (int[] ones : stacked) {
            for (int i : ones) {
                start[i + 1]++;
            }
        }
        for (int i = 0; i < visible; i++) {
            start[i + 1] += start[i];
        }
        int[] rowsOn = new int[start[visible]];
        int[] fill = Arrays.copyOf(start, visible);
        float[] sumB = new float[visible]; // Σᵣ wᵣvᵣ: ∇_b L is its negative (∇_b F(v) = −v)
        for (int r = 0; r < stacked.length; r++) {
            float weight = r < batch ? 1f / batch : -1f / batch;
            for (int i : stacked[r]) {
                rowsOn[fill[i]++] = r;
                sumB[i] += weight;
            }
        }
        float step = (float) lr;
        float momentum = (float) settings.momentum();
        float decay = (float) settings.weightDecay();
        int blocks = (visible + TRANSPOSE_BLOCK - 1) / TRANSPOSE_BLOCK;
        int parts = parts(blocks);
        double[] partialNorms = new double[parts];
        float[] sumC = new float[hidden];
        java.nio.FloatBuffer modelWeights = floats(model.weights());
        // blocks of 16 visible units: their rows of W are updated, copied into the model's array and written into
        // Wᵀ's columns a cache line at a time (no separate transpose or copy of W after the update)
        parallelChunks(blocks, (chunk, fromBlock, toBlock) -> {
            float[] sum = new float[hidden];
            float[] squares = new float[hidden]; // Σᵢ g²ᵢⱼ per column: a vectorised sum, not a serial reduction
            java.nio.FloatBuffer target = modelWeights.duplicate();
            int to = Math.min(visible, toBlock * TRANSPOSE_BLOCK);
            for (int i = fromBlock * TRANSPOSE_BLOCK; i < to; i++) {
                Arrays.fill(sum, 0f);
                // Σ over the stacked rows where unit i is on of wᵣσ(aᵣ): ∇_W L row i is its negative
                SparseBinaryProducts.addRows(sum, weightedHidden, rowsOn, start[i], start[i + 1]);
                SparseBinaryProducts.addSquares(squares, sum);
                SparseBinaryProducts.sgdStep(weights[i], velocityW[i], sum, step, momentum, decay);
                target.put(i * hidden, weights[i]);
            }
            SparseBinaryProducts.transposeRows(weights, weightsT, fromBlock * TRANSPOSE_BLOCK, to);
            // this chunk's share of the hidden units: Σ over all stacked rows of wᵣσ(aᵣ) (∇_c L is its negative)
            int j0 = (int) ((long) hidden * chunk / parts);
            int j1 = (int) ((long) hidden * (chunk + 1) / parts);
            for (float[] row : weightedHidden) {
                for (int j = j0; j < j1; j++) {
                    sumC[j] += row[j];
                }
            }
            double norm = 0;
            for (float q : squares) {
                norm += q;
            }
            partialNorms[chunk] = norm;
        });
        double norm = 0;
        for (double p : partialNorms) {
            norm += p;
        }
        norm += SparseBinaryProducts.sumOfSquares(sumB) + SparseBinaryProducts.sumOfSquares(sumC);
        SparseBinaryProducts.sgdStep(visibleBias, velocityB, sumB, step, momentum, decay);
        SparseBinaryProducts.sgdStep(hiddenBias, velocityC, sumC, step, momentum, decay);
        floats(model.visibleBias()).put(visibleBias);
        floats(model.hiddenBias()).put(hiddenBias);
        optimizerStep++;
        return norm;
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / (to - from);
    }

    private static double meanSquare(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return s / (to - from);
    }

    /** Copies the model's arrays into the trainer's (at the start of {@link #train()}). */
    private void loadParameters() {
        copyRows(model.weights(), weights);
        SparseBinaryProducts.transposeRows(weights, weightsT, 0, visible);
        floats(model.visibleBias()).get(visibleBias);
        floats(model.hiddenBias()).get(hiddenBias);
    }

    /** @return a view of {@code a}'s native memory (a FLOAT array whose entries are contiguous in row-major order) */
    private static java.nio.FloatBuffer floats(INDArray a) {
        if (a.dataType() != DataType.FLOAT || (a.rank() > 1 && a.ordering() != 'c') || a.elementWiseStride() != 1) {
            throw new IllegalStateException("parameter array " + java.util.Arrays.toString(a.shape()) + " "
                    + a.dataType() + " is not a contiguous row-major FLOAT array");
        }
        java.nio.FloatBuffer all = a.data().asNioFloat();
        all.position((int) a.offset()).limit((int) (a.offset() + a.length()));
        return all.slice();
    }

    private static void copyRows(INDArray from, float[][] into) {
        java.nio.FloatBuffer buffer = floats(from.castTo(DataType.FLOAT).dup('c'));
        for (float[] row : into) {
            buffer.get(row);
        }
    }

    /** @return the rows as a new FLOAT array of shape {@code [rows.length, rows[0].length]} */
    private static INDArray array(float[]... rows) {
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, rows.length, rows[0].length);
        java.nio.FloatBuffer buffer = floats(a);
        for (float[] row : rows) {
            buffer.put(row);
        }
        return a;
    }

    @Override
    public TrainingCheckpoint checkpoint() {
        Map<String, INDArray> params = new LinkedHashMap<>();
        model.parameters().forEach((k, v) -> params.put(k, v.dup()));
        Map<String, INDArray> optimizer = new LinkedHashMap<>();
        optimizer.put("step", Nd4j.scalar(optimizerStep));
        optimizer.put("u/W", array(velocityW));
        optimizer.put("u/b_visible", array(velocityB).reshape(visible));
        optimizer.put("u/b_hidden", array(velocityC).reshape(hidden));
        Map<String, String> meta = new LinkedHashMap<>(provenance);
        meta.put("architecture", model.architecture());
        meta.put("config", settings.toString());
        meta.put("rbm_engine", "fused");
        INDArray buffer = chains == null ? null
                : BinaryRows.toArray(chains, persistHidden ? hidden : visible, DataType.FLOAT);
        return new TrainingCheckpoint(iteration(), settings.seed(), params, optimizer, buffer, meta);
    }

    @Override
    public void restore(TrainingCheckpoint checkpoint) {
        checkpoint.restoreParameters(settings.seed(), model.parameters());
        Map<String, INDArray> optimizer = checkpoint.optimizerState();
        optimizerStep = optimizer.containsKey("step") ? optimizer.get("step").getLong(0) : 0;
        restoreVelocity(optimizer.get("u/W"), velocityW);
        restoreVector(optimizer.get("u/b_visible"), velocityB);
        restoreVector(optimizer.get("u/b_hidden"), velocityC);
        chains = null;
        if (settings.algorithm() == RbmTraining.Algorithm.PCD && checkpoint.buffer() != null
                && checkpoint.buffer().size(0) > 0) {
            int units = persistHidden ? hidden : visible;
            if (checkpoint.buffer().size(0) != batch || checkpoint.buffer().size(1) != units) {
                throw new IllegalArgumentException("checkpoint chains have shape "
                        + Arrays.toString(checkpoint.buffer().shape()) + "; expected [" + batch + ", " + units + "] ("
                        + (persistHidden ? "hidden" : "visible") + " states)");
            }
            chains = BinaryRows.of("checkpoint chains", checkpoint.buffer());
        }
        resumeAt(checkpoint);
    }

    private static void restoreVelocity(INDArray saved, float[][] into) {
        if (saved == null) {
            for (float[] row : into) {
                Arrays.fill(row, 0f);
            }
        } else {
            copyRows(saved, into);
        }
    }

    private static void restoreVector(INDArray saved, float[] into) {
        if (saved == null) {
            Arrays.fill(into, 0f);
        } else {
            floats(saved.castTo(DataType.FLOAT).dup('c')).get(into);
        }
    }

    /** A piece of row-parallel work over the rows [from, to). */
    private interface RangeTask {
        void run(int from, int to);
    }

    /** A piece of row-parallel work over the rows [from, to), the {@code chunk}-th of the split. */
    private interface ChunkTask {
        void run(int chunk, int from, int to);
    }

    private void parallel(int n, RangeTask task) {
        parallelChunks(n, (chunk, from, to) -> task.run(from, to));
    }

    /** @return how many chunks {@link #parallelChunks} splits n rows into */
    private int parts(int n) {
        return team == null ? 1 : Math.max(1, Math.min(team.threads(), n));
    }

    /**
     * Splits [0, n) into {@link #parts(int)} contiguous chunks (chunk p is [n·p/parts, n·(p+1)/parts)) and runs them
     * on the worker team, chunk 0 on the calling thread.
     */
    private void parallelChunks(int n, ChunkTask task) {
        int parts = parts(n);
        if (parts == 1) {
            task.run(0, 0, n);
            return;
        }
        team.run(parts, chunk -> task.run(chunk, (int) ((long) n * chunk / parts),
                (int) ((long) n * (chunk + 1) / parts)));
    }
}
