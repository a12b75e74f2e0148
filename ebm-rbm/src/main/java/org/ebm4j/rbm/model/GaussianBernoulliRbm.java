package org.ebm4j.rbm.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.config.Checks;
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
 * The Gaussian–Bernoulli RBM for real-valued visibles, in the parameterisation of Cho, Ilin &amp; Raiko (2011), with
 * per-unit variances σ_i² = exp(z_i) and s = 1/σ²:
 *
 * <pre>
 * E(v, h) = Σ_i (v_i − b_i)² s_i / 2 − (v ∘ s)ᵀ W h − cᵀh
 * F(v)    = Σ_i (v_i − b_i)² s_i / 2 − Σ_j softplus(c_j + ((v ∘ s) W)_j)
 * p(h_j = 1 | v) = σ(β (c + (v ∘ s) W)_j),   v | h ~ N(b + W h, σ² / β)
 * </pre>
 *
 * <p>Parameters {@code W [V, H]}, {@code b_visible [V]}, {@code b_hidden [H]} and, when the variance is learned,
 * {@code log_variance [V]} (z); with a fixed variance z is a constant outside {@link #parameters()}.
 */
public final class GaussianBernoulliRbm implements RestrictedBoltzmannMachine {

    public static final String MODEL_NAME = "gaussian-bernoulli-rbm";

    private final INDArray weights;
    private final INDArray visibleBias;
    private final INDArray hiddenBias;
    private final INDArray logVariance;
    private final boolean learnVariance;
    private final Map<String, INDArray> parameters;

    /**
     * @param weights W, shape {@code [V, H]}
     * @param visibleBias b, shape {@code [V]}
     * @param hiddenBias c, shape {@code [H]}
     * @param logVariance z = log σ², shape {@code [V]}
     * @param learnVariance whether z is a trained parameter
     */
    public GaussianBernoulliRbm(INDArray weights, INDArray visibleBias, INDArray hiddenBias, INDArray logVariance,
                                boolean learnVariance) {
        if (weights == null || weights.rank() != 2) {
            throw new IllegalArgumentException("W has shape " + (weights == null ? "null"
                    : java.util.Arrays.toString(weights.shape())) + "; expected [visible, hidden]");
        }
        long v = weights.size(0);
        long h = weights.size(1);
        check("b_visible", visibleBias, v);
        check("b_hidden", hiddenBias, h);
        check("log_variance", logVariance, v);
        this.weights = weights;
        this.visibleBias = visibleBias.reshape(v);
        this.hiddenBias = hiddenBias.reshape(h);
        this.logVariance = logVariance.reshape(v);
        this.learnVariance = learnVariance;
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("W", this.weights);
        p.put("b_visible", this.visibleBias);
        p.put("b_hidden", this.hiddenBias);
        if (learnVariance) {
            p.put("log_variance", this.logVariance);
        }
        this.parameters = Collections.unmodifiableMap(p);
    }

    /** A fresh model: W ~ N(0, initStd²), zero biases, unit variances. */
    public static GaussianBernoulliRbm random(int visible, int hidden, double initStd, boolean learnVariance,
                                              DataType dataType, RandomKey key) {
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
        return new GaussianBernoulliRbm(w, Nd4j.zeros(dataType, visible), Nd4j.zeros(dataType, hidden),
                Nd4j.zeros(dataType, visible), learnVariance);
    }

    private void check(String name, INDArray a, long length) {
        Checks.perRow(name, a, length);
        if (weights != null && a.dataType() != weights.dataType()) {
            throw new IllegalArgumentException(name + " has data type " + a.dataType() + "; expected "
                    + weights.dataType() + " like W");
        }
        Checks.finite(name, a);
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

    public INDArray logVariance() {
        return logVariance;
    }

    public boolean learnsVariance() {
        return learnVariance;
    }

    private DataType dataType() {
        return weights.dataType();
    }

    /** @return s = 1/σ² = exp(−z), shape {@code [V]}. */
    private INDArray precision() {
        return Transforms.exp(logVariance.neg(), false);
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

    private INDArray batch(String name, INDArray x) {
        Checks.batch(name, x, sampleShape());
        return x.dataType() == dataType() ? x : x.castTo(dataType());
    }

    /** @return c + (v ∘ s) W, shape {@code [n, H]}. */
    private INDArray hiddenPreActivation(INDArray v, INDArray s) {
        return Nd4j.gemm(v.mulRowVector(s), weights, false, false).addiRowVector(hiddenBias);
    }

    @Override
    public INDArray energy(INDArray x) {
        INDArray v = batch("x", x);
        INDArray s = precision();
        return quadratic(v, s).subi(LogisticFunctions.softplus(hiddenPreActivation(v, s)).sum(1));
    }

    /** Σ_i (v_i − b_i)² s_i / 2 per row. */
    private INDArray quadratic(INDArray v, INDArray s) {
        INDArray d = v.subRowVector(visibleBias);
        return d.muli(d).mulRowVector(s).sum(1).muli(0.5);
    }

    @Override
    public EnergyGradient energyAndGradient(INDArray x) {
        INDArray v = batch("x", x);
        INDArray s = precision();
        INDArray a = hiddenPreActivation(v, s);
        INDArray energy = quadratic(v, s).subi(LogisticFunctions.softplus(a).sum(1));
        // ∇_v F = (v − b) ∘ s − s ∘ (σ(a) Wᵀ)
        INDArray gradient = v.subRowVector(visibleBias)
                .subi(Nd4j.gemm(Transforms.sigmoid(a, false), weights, false, true)).muliRowVector(s);
        return new EnergyGradient(energy, gradient);
    }

    @Override
    public Map<String, INDArray> parameters() {
        return parameters;
    }

    /**
     * Σᵢ wᵢ ∇_θ F(vᵢ) with H = σ(a): ∇_W = −Σ wᵢ (vᵢ ∘ s) Hᵢᵀ, ∇_b = −Σ wᵢ (vᵢ − b) ∘ s, ∇_c = −Σ wᵢ Hᵢ,
     * ∇_z = Σ wᵢ s ∘ (−(vᵢ − b)²/2 + vᵢ ∘ (Hᵢ Wᵀ)).
     */
    @Override
    public Map<String, INDArray> parameterGradient(INDArray x, INDArray energyWeights) {
        INDArray v = batch("x", x);
        long n = v.size(0);
        INDArray w = Checks.perRow("energyWeights", energyWeights, n).castTo(dataType()).reshape(n, 1);
        INDArray s = precision();
        INDArray vs = v.mulRowVector(s);
        INDArray hidden = Transforms.sigmoid(Nd4j.gemm(vs, weights, false, false).addiRowVector(hiddenBias), false);
        INDArray weightedHidden = hidden.mulColumnVector(w);
        Map<String, INDArray> g = new LinkedHashMap<>();
        g.put("W", Nd4j.gemm(vs, weightedHidden, true, false).negi());
        INDArray centred = v.subRowVector(visibleBias);
        g.put("b_visible", centred.mulColumnVector(w).sum(0).muli(s).negi());
        g.put("b_hidden", weightedHidden.sum(0).negi());
        if (learnVariance) {
            INDArray inner = v.mul(Nd4j.gemm(hidden, weights, false, true)).subi(centred.mul(centred).muli(0.5));
            g.put("log_variance", inner.mulColumnVector(w).sum(0).muli(s));
        }
        return g;
    }

    @Override
    public INDArray hiddenMean(INDArray visible, double beta) {
        return Transforms.sigmoid(hiddenPreActivation(batch("visible", visible), precision()).muli(beta), false);
    }

    @Override
    public INDArray sampleHidden(INDArray visible, double beta, RandomKey key) {
        return BernoulliDraws.sampleInPlace(hiddenMean(visible, beta), key);
    }

    /** @return b + W h (the mean does not depend on β; the variance σ²/β does). */
    @Override
    public INDArray visibleMean(INDArray hidden, double beta) {
        Checks.batch("hidden", hidden, new long[] {weights.size(1)});
        return Nd4j.gemm(hidden.castTo(dataType()), weights, false, true).addiRowVector(visibleBias);
    }

    @Override
    public INDArray sampleVisible(INDArray hidden, double beta, RandomKey key) {
        Checks.positive("beta", beta);
        INDArray mean = visibleMean(hidden, beta);
        INDArray noise = Nd4j.createUninitialized(dataType(), mean.shape());
        try (Random rng = key.nd4jRandom()) {
            Nd4j.getExecutioner().exec(new GaussianDistribution(noise, 0, 1), rng);
        } catch (Exception e) {
            throw new IllegalStateException("closing the native random generator failed", e);
        }
        INDArray std = Transforms.exp(logVariance.mul(0.5), false).divi(Math.sqrt(beta));
        return mean.addi(noise.muliRowVector(std));
    }

    @Override
    public INDArray jointEnergy(INDArray visible, INDArray hidden) {
        INDArray v = batch("visible", visible);
        INDArray h = hidden.castTo(dataType());
        INDArray s = precision();
        return quadratic(v, s).subi(hiddenPreActivation(v, s).muli(h).sum(1));
    }

    /**
     * Exact log Z by enumerating the hidden layer: ∫ exp(−E(v, h)) dv = (2π)^{V/2} Π σ_i · exp(cᵀh + ½ Σ_i s_i((b +
     * W h)_i² − b_i²)).
     *
     * @throws IllegalArgumentException if H exceeds 20
     */
    public double logPartition() {
        int h = hiddenUnits();
        Checks.inRange("hidden units for exact log Z", h, 1, 20);
        INDArray states = BinaryStates.all(h);
        INDArray logWeights = hiddenLogWeights(states);
        double max = logWeights.maxNumber().doubleValue();
        double sum = Transforms.exp(logWeights.subi(max), false).sumNumber().doubleValue();
        double logNormal = 0.5 * visibleUnits() * Math.log(2 * Math.PI)
                + 0.5 * logVariance.castTo(DataType.DOUBLE).sumNumber().doubleValue();
        return max + Math.log(sum) + logNormal;
    }

    /** @return exact E[v] = Σ_h p(h) (b + W h), shape {@code [V]} (double; H ≤ 20). */
    public INDArray visibleMarginalMean() {
        int h = hiddenUnits();
        Checks.inRange("hidden units for exact moments", h, 1, 20);
        INDArray states = BinaryStates.all(h);
        INDArray logWeights = hiddenLogWeights(states);
        INDArray p = Transforms.exp(logWeights.subi(logWeights.maxNumber()), false);
        p.divi(p.sumNumber());
        return p.reshape(1, -1).mmul(visibleMean(states.castTo(dataType()), 1.0).castTo(DataType.DOUBLE))
                .reshape(visibleUnits());
    }

    private INDArray hiddenLogWeights(INDArray states) {
        INDArray m = visibleMean(states.castTo(dataType()), 1.0).castTo(DataType.DOUBLE);
        INDArray b = visibleBias.castTo(DataType.DOUBLE);
        INDArray s = precision().castTo(DataType.DOUBLE);
        INDArray quad = m.mul(m).subiRowVector(b.mul(b)).muliRowVector(s).sum(1).muli(0.5);
        return states.mmul(hiddenBias.castTo(DataType.DOUBLE).reshape(-1, 1)).reshape(states.size(0)).addi(quad);
    }

    @Override
    public String architecture() {
        return MODEL_NAME + " visible=" + visibleUnits() + " hidden=" + hiddenUnits() + " variance="
                + (learnVariance ? "learned" : "fixed") + " dtype=" + dataType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Writes a {@link TensorArchive} with {@code model=gaussian-bernoulli-rbm} (log_variance always included). */
    @Override
    public void save(Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", MODEL_NAME);
        meta.put("architecture", architecture());
        meta.put("learn_variance", Boolean.toString(learnVariance));
        Map<String, INDArray> arrays = new LinkedHashMap<>(parameters);
        arrays.put("log_variance", logVariance);
        TensorArchive.write(file, meta, arrays);
    }

    /** Reads an archive written by {@link #save}. */
    public static GaussianBernoulliRbm load(Path file) throws IOException {
        TensorArchive.Contents c = TensorArchive.read(file);
        if (!MODEL_NAME.equals(c.metadata().get("model"))) {
            throw new IOException(file + " holds model '" + c.metadata().get("model") + "'; expected " + MODEL_NAME);
        }
        return new GaussianBernoulliRbm(c.array("W"), c.array("b_visible"), c.array("b_hidden"),
                c.array("log_variance"), Boolean.parseBoolean(c.meta("learn_variance")));
    }
}
