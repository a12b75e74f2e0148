package org.ebm4j.rbm.boltzmann;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.energy.EnergyGradient;
import org.ebm4j.api.energy.ParametricEnergy;
import org.ebm4j.api.io.TensorArchive;
import org.ebm4j.api.random.RandomKey;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A general (semi-restricted or fully connected) Boltzmann machine over binary visible units v and hidden units h
 * (Ackley, Hinton &amp; Sejnowski 1985; Salakhutdinov &amp; Hinton 2009):
 *
 * <pre>E(v, h) = −vᵀW h − ½ vᵀL v − ½ hᵀJ h − bᵀv − cᵀh</pre>
 *
 * <p>with L and J symmetric with zero diagonals. The hidden units are coupled, so the free energy of v is not
 * tractable; this {@link ParametricEnergy} is therefore the energy of the joint state x = [v, h] of length V + H,
 * and the samplers and the trainer work on joint states. Parameters: {@code W [V, H]}, {@code L [V, V]},
 * {@code J [H, H]}, {@code b_visible [V]}, {@code b_hidden [H]}. The gradients of L and J are symmetric with zero
 * diagonals, so any optimiser that applies them keeps the constraints.
 */
public final class BoltzmannMachine implements ParametricEnergy {

    public static final String MODEL_NAME = "boltzmann-machine";

    private final int visible;
    private final int hidden;
    private final Map<String, INDArray> parameters;

    /**
     * @param w W, shape {@code [V, H]}
     * @param l L, shape {@code [V, V]}, symmetric, zero diagonal
     * @param j J, shape {@code [H, H]}, symmetric, zero diagonal
     * @param visibleBias b, shape {@code [V]}
     * @param hiddenBias c, shape {@code [H]}
     */
    public BoltzmannMachine(INDArray w, INDArray l, INDArray j, INDArray visibleBias, INDArray hiddenBias) {
        if (w == null || w.rank() != 2) {
            throw new IllegalArgumentException("W has shape " + (w == null ? "null"
                    : java.util.Arrays.toString(w.shape())) + "; expected [visible, hidden]");
        }
        this.visible = (int) w.size(0);
        this.hidden = (int) w.size(1);
        checkCoupling("L", l, visible);
        checkCoupling("J", j, hidden);
        if (visibleBias == null || visibleBias.length() != visible) {
            throw new IllegalArgumentException("b_visible has length " + (visibleBias == null ? "null"
                    : visibleBias.length()) + "; expected " + visible);
        }
        if (hiddenBias == null || hiddenBias.length() != hidden) {
            throw new IllegalArgumentException("b_hidden has length " + (hiddenBias == null ? "null"
                    : hiddenBias.length()) + "; expected " + hidden);
        }
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("W", w);
        p.put("L", l);
        p.put("J", j);
        p.put("b_visible", visibleBias.reshape(visible));
        p.put("b_hidden", hiddenBias.reshape(hidden));
        for (Map.Entry<String, INDArray> e : p.entrySet()) {
            if (e.getValue().dataType() != w.dataType()) {
                throw new IllegalArgumentException(e.getKey() + " has data type " + e.getValue().dataType()
                        + "; expected " + w.dataType() + " like W");
            }
            Checks.finite(e.getKey(), e.getValue());
        }
        this.parameters = Collections.unmodifiableMap(p);
    }

    private static void checkCoupling(String name, INDArray m, int size) {
        if (m == null || m.rank() != 2 || m.size(0) != size || m.size(1) != size) {
            throw new IllegalArgumentException(name + " has shape " + (m == null ? "null"
                    : java.util.Arrays.toString(m.shape())) + "; expected [" + size + ", " + size + "]");
        }
        if (!m.equalsWithEps(m.transpose(), 1e-12) || m.mul(identity(m)).amaxNumber().doubleValue() != 0) {
            throw new IllegalArgumentException(name + " is not symmetric with a zero diagonal");
        }
    }

    /** A fresh machine with W, L, J ~ N(0, initStd²) (L, J symmetrised, zero diagonals) and zero biases. */
    public static BoltzmannMachine random(int visible, int hidden, double initStd, DataType type, RandomKey key) {
        Checks.positive("visible", visible);
        Checks.positive("hidden", hidden);
        Checks.nonNegative("init_std", initStd);
        INDArray w = gaussian(type, initStd, key.fold("W"), visible, hidden);
        return new BoltzmannMachine(w, symmetric(gaussian(type, initStd, key.fold("L"), visible, visible)),
                symmetric(gaussian(type, initStd, key.fold("J"), hidden, hidden)), Nd4j.zeros(type, visible),
                Nd4j.zeros(type, hidden));
    }

    private static INDArray gaussian(DataType type, double std, RandomKey key, long... shape) {
        INDArray a = Nd4j.zeros(type, shape);
        if (std > 0) {
            try (Random rng = key.nd4jRandom()) {
                Nd4j.getExecutioner().exec(new GaussianDistribution(a, 0, std), rng);
            } catch (Exception e) {
                throw new IllegalStateException("closing the native random generator failed", e);
            }
        }
        return a;
    }

    /** @return (m + mᵀ)/2 with a zero diagonal. */
    static INDArray symmetric(INDArray m) {
        return zeroDiagonal(m.add(m.transpose()).muli(0.5));
    }

    public int visibleUnits() {
        return visible;
    }

    public int hiddenUnits() {
        return hidden;
    }

    public INDArray weights() {
        return parameters.get("W");
    }

    private DataType dataType() {
        return weights().dataType();
    }

    /** @return the coupling matrix M = [[L, W], [Wᵀ, J]] of the joint state, shape {@code [V+H, V+H]} (a copy). */
    public INDArray couplings() {
        INDArray m = Nd4j.zeros(dataType(), visible + hidden, visible + hidden);
        m.get(NDArrayIndex.interval(0, visible), NDArrayIndex.interval(0, visible)).assign(parameters.get("L"));
        m.get(NDArrayIndex.interval(0, visible), NDArrayIndex.interval(visible, visible + hidden)).assign(weights());
        m.get(NDArrayIndex.interval(visible, visible + hidden), NDArrayIndex.interval(0, visible))
                .assign(weights().transpose());
        m.get(NDArrayIndex.interval(visible, visible + hidden), NDArrayIndex.interval(visible, visible + hidden))
                .assign(parameters.get("J"));
        return m;
    }

    /** @return the joint bias a = [b, c], shape {@code [V+H]} (a copy). */
    public INDArray biases() {
        return Nd4j.concat(0, parameters.get("b_visible"), parameters.get("b_hidden"));
    }

    @Override
    public long[] sampleShape() {
        return new long[] {visible + hidden};
    }

    private INDArray batch(String name, INDArray x) {
        Checks.batch(name, x, sampleShape());
        return x.dataType() == dataType() ? x : x.castTo(dataType());
    }

    /** E(x) = −½ xᵀM x − aᵀx. */
    @Override
    public INDArray energy(INDArray x) {
        INDArray s = batch("x", x);
        INDArray field = Nd4j.gemm(s, couplings(), false, false).muli(0.5).addiRowVector(biases());
        return field.muli(s).sum(1).negi();
    }

    /** E(x) as in {@link #energy} and ∇ₓE = −(M x + a). */
    @Override
    public EnergyGradient energyAndGradient(INDArray x) {
        INDArray s = batch("x", x);
        INDArray a = biases();
        INDArray mx = Nd4j.gemm(s, couplings(), false, false);
        INDArray energy = mx.mul(0.5).addiRowVector(a).muli(s).sum(1).negi();
        return new EnergyGradient(energy, mx.addiRowVector(a).negi());
    }

    @Override
    public Map<String, INDArray> parameters() {
        return parameters;
    }

    /**
     * Σᵢ wᵢ ∇_θ E(xᵢ): ∇_W = −Σ wᵢ vᵢhᵢᵀ, ∇_L = −½ Σ wᵢ vᵢvᵢᵀ and ∇_J = −½ Σ wᵢ hᵢhᵢᵀ with zeroed diagonals,
     * ∇_b = −Σ wᵢ vᵢ, ∇_c = −Σ wᵢ hᵢ.
     */
    @Override
    public Map<String, INDArray> parameterGradient(INDArray x, INDArray energyWeights) {
        INDArray s = batch("x", x);
        long n = s.size(0);
        INDArray w = Checks.perRow("energyWeights", energyWeights, n).castTo(dataType()).reshape(n, 1);
        INDArray v = s.get(NDArrayIndex.all(), NDArrayIndex.interval(0, visible));
        INDArray h = s.get(NDArrayIndex.all(), NDArrayIndex.interval(visible, visible + hidden));
        INDArray wv = v.mulColumnVector(w);
        INDArray wh = h.mulColumnVector(w);
        Map<String, INDArray> g = new LinkedHashMap<>();
        g.put("W", Nd4j.gemm(wv, h, true, false).negi());
        g.put("L", zeroDiagonal(Nd4j.gemm(wv, v, true, false).muli(-0.5)));
        g.put("J", zeroDiagonal(Nd4j.gemm(wh, h, true, false).muli(-0.5)));
        g.put("b_visible", wv.sum(0).negi());
        g.put("b_hidden", wh.sum(0).negi());
        return g;
    }

    private static INDArray zeroDiagonal(INDArray m) {
        return m.muli(identity(m).rsubi(1));
    }

    private static INDArray identity(INDArray square) {
        return Nd4j.eye(square.size(0)).castTo(square.dataType());
    }

    /**
     * The naive mean-field posterior over the hidden units for clamped visibles: iterates
     * μ ← (1 − damping) σ(c + Wᵀv + Jμ) + damping μ from μ = σ(c + Wᵀv) (Salakhutdinov &amp; Hinton 2009).
     *
     * @param v shape {@code [n, V]}
     * @param iterations fixed-point iterations, {@code >= 1}
     * @param damping in [0, 1)
     * @return μ, shape {@code [n, H]}
     */
    public INDArray meanField(INDArray v, int iterations, double damping) {
        Checks.batch("v", v, new long[] {visible});
        Checks.positive("iterations", iterations);
        Checks.inRange("damping", damping, 0, 0.999);
        INDArray input = Nd4j.gemm(v.castTo(dataType()), weights(), false, false)
                .addiRowVector(parameters.get("b_hidden"));
        INDArray mu = Transforms.sigmoid(input, true);
        INDArray j = parameters.get("J");
        for (int t = 0; t < iterations; t++) {
            INDArray next = Transforms.sigmoid(Nd4j.gemm(mu, j, false, false).addi(input), false);
            mu = next.muli(1 - damping).addi(mu.mul(damping));
        }
        return mu;
    }

    @Override
    public String architecture() {
        return MODEL_NAME + " visible=" + visible + " hidden=" + hidden + " dtype="
                + dataType().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void save(Path file) throws IOException {
        TensorArchive.write(file, Map.of("model", MODEL_NAME, "architecture", architecture()), parameters);
    }

    /** Reads an archive written by {@link #save}. */
    public static BoltzmannMachine load(Path file) throws IOException {
        TensorArchive.Contents c = TensorArchive.read(file);
        if (!MODEL_NAME.equals(c.metadata().get("model"))) {
            throw new IOException(file + " holds model '" + c.metadata().get("model") + "'; expected " + MODEL_NAME);
        }
        return new BoltzmannMachine(c.array("W"), c.array("L"), c.array("J"), c.array("b_visible"),
                c.array("b_hidden"));
    }
}
