package org.ebm4j.rbm.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.energy.ContrastiveDivergenceGradient;
import org.ebm4j.api.energy.EnergyGradient;
import org.ebm4j.api.io.TensorArchive;
import org.ebm4j.api.random.RandomKey;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.transforms.same.Max;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Bernoulli–Bernoulli RBM (Smolensky 1986; Hinton 2002) with binary v ∈ {0,1}^V and h ∈ {0,1}^H:
 *
 * <pre>
 * E(v, h) = −vᵀW h − bᵀv − cᵀh
 * F(v)    = −bᵀv − Σ_j softplus(c_j + (vW)_j)           (the energy of this ParametricEnergy)
 * p(h_j = 1 | v) = σ(β (c + vW)_j),   p(v_i = 1 | h) = σ(β (b + W h)_i)
 * </pre>
 *
 * <p>Parameters: {@code W} shape {@code [V, H]}, {@code b_visible} shape {@code [V]}, {@code b_hidden} shape
 * {@code [H]}, in float or double. Every batch operation is a matrix product over the whole batch. The free energy's
 * input gradient ∇_v F = −b − σ(c + vW)Wᵀ is that of its continuous relaxation (useful for diagnostics only).
 *
 * <p>Saved as a {@link TensorArchive} with {@code model=bernoulli-rbm}; {@link #load} reads it back.
 *
 * <p>The sampling and contrastive-gradient calls keep work arrays between calls (allocating native arrays each
 * minibatch cost as much as the arithmetic), so one instance is for one thread at a time.
 */
public final class BernoulliRbm implements RestrictedBoltzmannMachine, ContrastiveDivergenceGradient {

    public static final String MODEL_NAME = "bernoulli-rbm";

    private final INDArray weights;
    private final INDArray visibleBias;
    private final INDArray hiddenBias;
    private final Map<String, INDArray> parameters;
    private ContrastiveWorkspace contrastiveWorkspace;
    private INDArray hiddenUniforms;
    private INDArray visibleUniforms;

    /**
     * Wraps existing parameters (not copied: they become the live parameters).
     *
     * @param weights W, shape {@code [V, H]}
     * @param visibleBias b, shape {@code [V]}
     * @param hiddenBias c, shape {@code [H]}
     * @throws IllegalArgumentException for inconsistent shapes, mixed data types or non-finite entries
     */
    public BernoulliRbm(INDArray weights, INDArray visibleBias, INDArray hiddenBias) {
        if (weights == null || weights.rank() != 2) {
            throw new IllegalArgumentException("W has shape " + (weights == null ? "null"
                    : java.util.Arrays.toString(weights.shape())) + "; expected [visible, hidden]");
        }
        long v = weights.size(0);
        long h = weights.size(1);
        checkVector("b_visible", visibleBias, v);
        checkVector("b_hidden", hiddenBias, h);
        if (visibleBias.dataType() != weights.dataType() || hiddenBias.dataType() != weights.dataType()) {
            throw new IllegalArgumentException("data types W = " + weights.dataType() + ", b_visible = "
                    + visibleBias.dataType() + ", b_hidden = " + hiddenBias.dataType() + "; expected one type");
        }
        if (!weights.dataType().isFPType()) {
            throw new IllegalArgumentException("W has data type " + weights.dataType() + "; expected FLOAT or DOUBLE");
        }
        Checks.finite("W", weights);
        Checks.finite("b_visible", visibleBias);
        Checks.finite("b_hidden", hiddenBias);
        this.weights = weights;
        this.visibleBias = visibleBias.reshape(v);
        this.hiddenBias = hiddenBias.reshape(h);
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("W", this.weights);
        p.put("b_visible", this.visibleBias);
        p.put("b_hidden", this.hiddenBias);
        this.parameters = java.util.Collections.unmodifiableMap(p);
    }

    /**
     * A fresh RBM with W ~ N(0, initStd²) and zero biases (Hinton 2010, "A practical guide", §8: std 0.01).
     *
     * @param visible V, {@code >= 1}
     * @param hidden H, {@code >= 1}
     * @param initStd standard deviation of the initial weights, {@code >= 0}
     * @param dataType FLOAT or DOUBLE
     */
    public static BernoulliRbm random(int visible, int hidden, double initStd, DataType dataType, RandomKey key) {
        Checks.positive("visible", visible);
        Checks.positive("hidden", hidden);
        Checks.nonNegative("init_std", initStd);
        INDArray w = Nd4j.zeros(dataType, visible, hidden);
        if (initStd > 0) {
            try (Random rng = key.nd4jRandom()) {
                Nd4j.getExecutioner().exec(new GaussianDistribution(w, 0, initStd), rng);
            } catch (Exception e) {
                throw new IllegalStateException("closing the native random generator failed", e);
            }
        }
        return new BernoulliRbm(w, Nd4j.zeros(dataType, visible), Nd4j.zeros(dataType, hidden));
    }

    /**
     * Sets the visible biases to log(p̄ / (1 − p̄)) of the data's marginals p̄ (Hinton 2010, §8), with p̄ clipped to
     * [1e-3, 1 − 1e-3] so that always-off pixels get a finite bias.
     *
     * @param data shape {@code [n, V]}, values in [0, 1]
     */
    public BernoulliRbm initVisibleBiasFromData(INDArray data) {
        visibleBias.assign(logOdds(batch("data", data).mean(0), 1e-3));
        return this;
    }

    /** @return log(p / (1 − p)) of {@code p} clipped to [eps, 1 − eps], as a new array. */
    public static INDArray logOdds(INDArray p, double eps) {
        INDArray clipped = Transforms.min(Transforms.max(p, eps, true), 1 - eps, false);
        return Transforms.log(clipped.div(clipped.rsub(1)), false);
    }

    private static void checkVector(String name, INDArray a, long length) {
        if (a == null || a.length() != length || (a.rank() != 1 && !(a.rank() == 2 && a.size(0) == 1))) {
            throw new IllegalArgumentException(name + " has shape " + (a == null ? "null"
                    : java.util.Arrays.toString(a.shape())) + "; expected [" + length + "]");
        }
    }

    public INDArray weights() {
        return weights;
    }

    public INDArray visibleBias() {
        return visibleBias;
    }

    public INDArray hiddenBias() {
        return hiddenBias;
    }

    public DataType dataType() {
        return weights.dataType();
    }

    /** @return a copy of this RBM in {@code type} (the evaluators work in DOUBLE). */
    public BernoulliRbm castTo(DataType type) {
        return new BernoulliRbm(weights.castTo(type).dup(), visibleBias.castTo(type).dup(),
                hiddenBias.castTo(type).dup());
    }

    @Override
    public int visibleUnits() {
        return (int) weights.size(0);
    }

    @Override
    public int hiddenUnits() {
        return (int) weights.size(1);
    }

    @Override
    public long[] sampleShape() {
        return new long[] {weights.size(0)};
    }

    /** @return c + vW, shape {@code [n, H]} (a new array). */
    public INDArray hiddenPreActivation(INDArray visible) {
        // Nd4j.gemm takes the BLAS path; INDArray.mmul was several times slower for these shapes (ND4J 1.0.0-M2.1)
        return Nd4j.gemm(batch("visible", visible), weights, false, false).addiRowVector(hiddenBias);
    }

    /** @return b + hWᵀ, shape {@code [n, V]} (a new array). */
    public INDArray visiblePreActivation(INDArray hidden) {
        Checks.batch("hidden", hidden, new long[] {weights.size(1)});
        return Nd4j.gemm(hidden.castTo(dataType()), weights, false, true).addiRowVector(visibleBias);
    }

    @Override
    public INDArray energy(INDArray x) {
        return freeEnergy(batch("x", x), hiddenPreActivation(x));
    }

    /** F(v) = −bᵀv − Σ_j softplus(a_j) with a = c + vW given. */
    private INDArray freeEnergy(INDArray v, INDArray preActivation) {
        INDArray softplusSum = LogisticFunctions.softplus(preActivation).sum(1);
        return Nd4j.gemm(v, visibleBias.reshape(-1, 1), false, false).reshape(v.size(0)).addi(softplusSum).negi();
    }

    @Override
    public EnergyGradient energyAndGradient(INDArray x) {
        INDArray v = batch("x", x);
        INDArray a = hiddenPreActivation(v);
        INDArray energy = freeEnergy(v, a);
        INDArray gradient = Nd4j.gemm(Transforms.sigmoid(a, false), weights, false, true)
                .addiRowVector(visibleBias).negi();
        return new EnergyGradient(energy, gradient);
    }

    @Override
    public Map<String, INDArray> parameters() {
        return parameters;
    }

    /**
     * Σᵢ wᵢ ∇_θ F(vᵢ): ∇_W = −Σᵢ wᵢ vᵢ σ(aᵢ)ᵀ, ∇_b = −Σᵢ wᵢ vᵢ, ∇_c = −Σᵢ wᵢ σ(aᵢ), with aᵢ = c + vᵢW.
     */
    @Override
    public Map<String, INDArray> parameterGradient(INDArray x, INDArray energyWeights) {
        INDArray v = batch("x", x);
        INDArray w = checkWeights(energyWeights, v.size(0));
        Map<String, INDArray> g = zeroGradients();
        accumulateGradient(v, Transforms.sigmoid(hiddenPreActivation(v), false), w, g);
        return g;
    }

    /** Adds Σᵢ wᵢ ∇_θ F(vᵢ) to {@code g}, given the hidden means σ(aᵢ) (overwritten). */
    private void accumulateGradient(INDArray v, INDArray hiddenMean, INDArray w, Map<String, INDArray> g) {
        INDArray weightedHidden = hiddenMean.muliColumnVector(w.reshape(-1, 1));
        Nd4j.gemm(v, weightedHidden, g.get("W"), true, false, -1.0, 1.0);
        INDArray bVisible = g.get("b_visible");
        Nd4j.gemm(w.reshape(1, -1), v, bVisible.reshape(1, -1), false, false, -1.0, 1.0);
        g.get("b_hidden").subi(weightedHidden.sum(0));
    }

    private Map<String, INDArray> zeroGradients() {
        Map<String, INDArray> g = new LinkedHashMap<>();
        parameters.forEach((k, p) -> g.put(k, Nd4j.zeros(p.dataType(), p.shape())));
        return g;
    }

    private INDArray checkWeights(INDArray w, long n) {
        return Checks.perRow("energyWeights", w, n).castTo(dataType()).reshape(n);
    }

    /**
     * The CD loss and its gradient with both phases stacked into one batch [v⁺; v⁻]: one matrix product for all
     * pre-activations a = c + vW, one for ∇_W = −vᵀ(w ⊙ σ(a)) and two matrix–vector products for the biases, where
     * wᵢ = ∂L/∂Fᵢ folds the phase sign and 1/n into the hidden means. The free energies need no further product:
     * Σⱼ softplus(aⱼ) = Σⱼ max(aⱼ, 0) − Σⱼ log max(σ(aⱼ), 1 − σ(aⱼ)), from the hidden means already computed.
     *
     * <p>The returned gradient arrays are work arrays of this model: they stay valid until the next call of this
     * method with the same batch sizes (the trainer uses them within one iteration).
     */
    @Override
    public Result contrastiveGradient(INDArray positive, INDArray negative, double alpha) {
        Checks.nonNegative("alpha", alpha);
        INDArray vPos = batch("positive", positive);
        INDArray vNeg = batch("negative", negative);
        ContrastiveWorkspace ws = contrastiveWorkspace(vPos.size(0), vNeg.size(0));
        ws.positive.assign(vPos);
        ws.negative.assign(vNeg);
        double[] f = ws.freeEnergies(this);
        int n = (int) vPos.size(0);
        int m = (int) vNeg.size(0);
        double sumPos = 0;
        double sumSqPos = 0;
        double sumNeg = 0;
        double sumSqNeg = 0;
        double[] energyWeights = new double[n + m];
        for (int i = 0; i < n + m; i++) {
            // dL/dE+_i = (1 + 2 alpha E+_i) / n ;  dL/dE-_j = (-1 + 2 alpha E-_j) / m
            if (i < n) {
                sumPos += f[i];
                sumSqPos += f[i] * f[i];
                energyWeights[i] = (1 + 2 * alpha * f[i]) / n;
            } else {
                sumNeg += f[i];
                sumSqNeg += f[i] * f[i];
                energyWeights[i] = (-1 + 2 * alpha * f[i]) / m;
            }
        }
        double meanPos = sumPos / n;
        double meanNeg = sumNeg / m;
        double reg = sumSqPos / n + sumSqNeg / m;
        ws.accumulateGradient(this, energyWeights);
        return new Result(meanPos, meanNeg, reg, meanPos - meanNeg + alpha * reg, ws.gradients);
    }

    private ContrastiveWorkspace contrastiveWorkspace(long n, long m) {
        if (contrastiveWorkspace == null || contrastiveWorkspace.positive.size(0) != n
                || contrastiveWorkspace.negative.size(0) != m) {
            contrastiveWorkspace = new ContrastiveWorkspace(n, m, weights.size(0), weights.size(1), dataType());
        }
        return contrastiveWorkspace;
    }

    /**
     * Work arrays of {@link #contrastiveGradient} for one pair of batch sizes, allocated once: the stacked visible
     * batch, its pre-activations, hidden means and a scratch array of the same shape, and the gradients.
     */
    private static final class ContrastiveWorkspace {
        private final INDArray visible;
        private final INDArray positive;
        private final INDArray negative;
        private final INDArray preActivation;
        private final INDArray hiddenMean;
        private final INDArray scratch;
        private final INDArray visibleTerm;
        private final INDArray positivePart;
        private final INDArray hiddenOnes;
        private final long logChunk;
        private final INDArray energyWeights;
        private final INDArray ones;
        private final Map<String, INDArray> gradients;

        ContrastiveWorkspace(long n, long m, long visibleUnits, long hiddenUnits, DataType type) {
            visible = Nd4j.create(type, n + m, visibleUnits);
            positive = visible.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
            negative = visible.get(NDArrayIndex.interval(n, n + m), NDArrayIndex.all());
            preActivation = Nd4j.create(type, n + m, hiddenUnits);
            hiddenMean = Nd4j.create(type, n + m, hiddenUnits);
            scratch = Nd4j.create(type, n + m, hiddenUnits);
            visibleTerm = Nd4j.create(type, n + m, 1);
            positivePart = Nd4j.create(type, n + m, 1);
            hiddenOnes = Nd4j.ones(type, hiddenUnits, 1);
            logChunk = largestDivisorAtMost(hiddenUnits, 100);
            energyWeights = Nd4j.create(type, 1, n + m);
            ones = Nd4j.ones(type, 1, n + m);
            Map<String, INDArray> g = new LinkedHashMap<>();
            g.put("W", Nd4j.create(type, visibleUnits, hiddenUnits));
            g.put("b_visible", Nd4j.create(type, visibleUnits));
            g.put("b_hidden", Nd4j.create(type, hiddenUnits));
            gradients = java.util.Collections.unmodifiableMap(g);
        }

        /**
         * Fills the pre-activations and hidden means of the stacked batch.
         *
         * @return F(vᵢ) = −bᵀvᵢ − Σⱼ max(aᵢⱼ, 0) + Σⱼ log max(σ(aᵢⱼ), 1 − σ(aᵢⱼ)) for every stacked row
         */
        double[] freeEnergies(BernoulliRbm rbm) {
            Nd4j.gemm(visible, rbm.weights, preActivation, false, false, 1.0, 0.0);
            preActivation.addiRowVector(rbm.hiddenBias);
            Nd4j.exec(new Sigmoid(preActivation, hiddenMean));
            // row sums as matrix-vector products (BLAS), several times faster than ND4J's row reductions
            Nd4j.gemm(visible, rbm.visibleBias.reshape(-1, 1), visibleTerm, false, false, 1.0, 0.0);
            Nd4j.exec(new RectifiedLinear(preActivation, scratch, 0.0));
            Nd4j.gemm(scratch, hiddenOnes, positivePart, false, false, 1.0, 0.0);
            // log max(s, 1 − s) = −softplus(−|a|) lies in [−log 2, 0]. Its row sums are taken as sums of logs of
            // products over chunks of ≤ 100 factors (each ≥ 1/2, so a product stays ≥ 2^-100, far from underflow):
            // one logarithm per chunk instead of one per entry.
            Nd4j.exec(new ScalarReverseSubtraction(hiddenMean, scratch, 1.0));
            Nd4j.exec(new Max(scratch, hiddenMean, scratch));
            INDArray chunkLogs = Transforms.log(scratch.reshape(scratch.length() / logChunk, logChunk).prod(1), false);
            double[] logTerm = chunkLogs.reshape(scratch.size(0), -1).sum(1).toDoubleVector();
            double[] bv = visibleTerm.toDoubleVector();
            double[] relu = positivePart.toDoubleVector();
            double[] f = new double[bv.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = -bv[i] - relu[i] + logTerm[i];
            }
            return f;
        }

        private static long largestDivisorAtMost(long n, long bound) {
            for (long d = Math.min(n, bound); d > 1; d--) {
                if (n % d == 0) {
                    return d;
                }
            }
            return 1;
        }

        /** Sets the gradients to Σᵢ wᵢ ∇_θ F(vᵢ) over the stacked rows (overwrites the hidden means). */
        void accumulateGradient(BernoulliRbm rbm, double[] w) {
            for (int i = 0; i < w.length; i++) {
                energyWeights.putScalar(0, i, w[i]);
            }
            INDArray weightedHidden = hiddenMean.muliColumnVector(energyWeights.reshape(-1, 1));
            Nd4j.gemm(visible, weightedHidden, gradients.get("W"), true, false, -1.0, 0.0);
            Nd4j.gemm(energyWeights, visible, gradients.get("b_visible").reshape(1, -1), false, false, -1.0, 0.0);
            Nd4j.gemm(ones, weightedHidden, gradients.get("b_hidden").reshape(1, -1), false, false, -1.0, 0.0);
        }
    }

    @Override
    public INDArray hiddenMean(INDArray visible, double beta) {
        return sigmoidInPlace(hiddenPreActivation(visible), beta);
    }

    /** The draw is made in the array of the means, with the uniforms in a work array kept for the next call. */
    @Override
    public INDArray sampleHidden(INDArray visible, double beta, RandomKey key) {
        INDArray mean = hiddenMean(visible, beta);
        hiddenUniforms = workArray(hiddenUniforms, mean);
        return BernoulliDraws.sampleInPlace(mean, key, hiddenUniforms);
    }

    @Override
    public INDArray visibleMean(INDArray hidden, double beta) {
        return sigmoidInPlace(visiblePreActivation(hidden), beta);
    }

    /** The draw is made in the array of the means, with the uniforms in a work array kept for the next call. */
    @Override
    public INDArray sampleVisible(INDArray hidden, double beta, RandomKey key) {
        INDArray mean = visibleMean(hidden, beta);
        visibleUniforms = workArray(visibleUniforms, mean);
        return BernoulliDraws.sampleInPlace(mean, key, visibleUniforms);
    }

    private static INDArray sigmoidInPlace(INDArray preActivation, double beta) {
        if (beta != 1.0) {
            preActivation.muli(beta);
        }
        Nd4j.exec(new Sigmoid(preActivation, preActivation));
        return preActivation;
    }

    /** @return {@code current} if it has the shape of {@code like}, else a new array of that shape. */
    private static INDArray workArray(INDArray current, INDArray like) {
        return current != null && java.util.Arrays.equals(current.shape(), like.shape())
                ? current : Nd4j.createUninitialized(like.dataType(), like.shape());
    }

    @Override
    public INDArray jointEnergy(INDArray visible, INDArray hidden) {
        INDArray v = batch("visible", visible);
        Checks.batch("hidden", hidden, new long[] {weights.size(1)});
        INDArray h = hidden.castTo(dataType());
        INDArray vwhPlusCh = hiddenPreActivation(v).muli(h).sum(1);
        return Nd4j.gemm(v, visibleBias.reshape(-1, 1), false, false).reshape(v.size(0)).addi(vwhPlusCh).negi();
    }

    @Override
    public String architecture() {
        return MODEL_NAME + " visible=" + visibleUnits() + " hidden=" + hiddenUnits() + " dtype="
                + dataType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Writes a {@link TensorArchive} with {@code model=bernoulli-rbm} and the arrays W, b_visible, b_hidden. */
    @Override
    public void save(Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", MODEL_NAME);
        meta.put("architecture", architecture());
        TensorArchive.write(file, meta, parameters);
    }

    /**
     * Reads an archive written by {@link #save}.
     *
     * @throws IOException if the file is not a {@code bernoulli-rbm} archive
     */
    public static BernoulliRbm load(Path file) throws IOException {
        TensorArchive.Contents c = TensorArchive.read(file);
        if (!MODEL_NAME.equals(c.metadata().get("model"))) {
            throw new IOException(file + " holds model '" + c.metadata().get("model") + "'; expected " + MODEL_NAME);
        }
        return new BernoulliRbm(c.array("W"), c.array("b_visible"), c.array("b_hidden"));
    }

    /** Checks the batch shape and casts to this model's data type (a no-op when it already matches). */
    private INDArray batch(String name, INDArray x) {
        Checks.batch(name, x, sampleShape());
        return x.dataType() == dataType() ? x : x.castTo(dataType());
    }
}
