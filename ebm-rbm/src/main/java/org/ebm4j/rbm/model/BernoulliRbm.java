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
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
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
 */
public final class BernoulliRbm implements RestrictedBoltzmannMachine, ContrastiveDivergenceGradient {

    public static final String MODEL_NAME = "bernoulli-rbm";

    private final INDArray weights;
    private final INDArray visibleBias;
    private final INDArray hiddenBias;
    private final Map<String, INDArray> parameters;

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
        if (w == null || w.length() != n) {
            throw new IllegalArgumentException("energyWeights has shape " + (w == null ? "null"
                    : java.util.Arrays.toString(w.shape())) + "; expected [" + n + "]");
        }
        return w.castTo(dataType()).reshape(n);
    }

    /**
     * The CD loss and its gradient with one matrix product per phase for the pre-activations and one for ∇_W
     * (the hidden means are shared by the free energies and the gradients).
     */
    @Override
    public Result contrastiveGradient(INDArray positive, INDArray negative, double alpha) {
        Checks.nonNegative("alpha", alpha);
        INDArray vPos = batch("positive", positive);
        INDArray vNeg = batch("negative", negative);
        INDArray aPos = hiddenPreActivation(vPos);
        INDArray aNeg = hiddenPreActivation(vNeg);
        INDArray ePos = freeEnergy(vPos, aPos);
        INDArray eNeg = freeEnergy(vNeg, aNeg);
        double meanPos = ePos.meanNumber().doubleValue();
        double meanNeg = eNeg.meanNumber().doubleValue();
        double reg = ePos.mul(ePos).meanNumber().doubleValue() + eNeg.mul(eNeg).meanNumber().doubleValue();
        // dL/dE+_i = (1 + 2 alpha E+_i) / n ;  dL/dE-_j = (-1 + 2 alpha E-_j) / m
        INDArray wPos = ePos.mul(2 * alpha).addi(1).divi(ePos.length());
        INDArray wNeg = eNeg.mul(2 * alpha).subi(1).divi(eNeg.length());
        Map<String, INDArray> g = zeroGradients();
        accumulateGradient(vPos, Transforms.sigmoid(aPos, false), wPos, g);
        accumulateGradient(vNeg, Transforms.sigmoid(aNeg, false), wNeg, g);
        return new Result(meanPos, meanNeg, reg, meanPos - meanNeg + alpha * reg, g);
    }

    @Override
    public INDArray hiddenMean(INDArray visible, double beta) {
        INDArray a = hiddenPreActivation(visible);
        return Transforms.sigmoid(beta == 1.0 ? a : a.muli(beta), false);
    }

    @Override
    public INDArray sampleHidden(INDArray visible, double beta, RandomKey key) {
        return BernoulliDraws.sampleInPlace(hiddenMean(visible, beta), key);
    }

    @Override
    public INDArray visibleMean(INDArray hidden, double beta) {
        INDArray a = visiblePreActivation(hidden);
        return Transforms.sigmoid(beta == 1.0 ? a : a.muli(beta), false);
    }

    @Override
    public INDArray sampleVisible(INDArray hidden, double beta, RandomKey key) {
        return BernoulliDraws.sampleInPlace(visibleMean(hidden, beta), key);
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
