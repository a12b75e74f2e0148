package org.ebm4j.rbm.training;

import org.ebm4j.api.config.Checks;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.rbm.gibbs.BlockGibbsKernel;
import org.ebm4j.rbm.gibbs.ParallelTemperingKernel;
import org.ebm4j.rbm.gibbs.TemperatureLadder;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.model.RestrictedBoltzmannMachine;
import org.ebm4j.training.buffer.PersistentChains;
import org.ebm4j.training.loop.EbmTrainer;
import org.ebm4j.training.loop.ResumableTrainer;
import org.ebm4j.training.loop.TrainerConfig;
import org.ebm4j.training.objective.ContrastiveDivergence;
import org.ebm4j.training.optim.Sgd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CD-k, PCD and parallel-tempering training for RBMs, assembled from the shared pieces: the {@link EbmTrainer} loop,
 * the {@link ContrastiveDivergence} objective with α = 0 (optionally with a {@link SparsityPenalty}), and {@link Sgd}
 * with momentum and weight decay. The negative phase is {@link BlockGibbsKernel} from chains started at the data
 * (CD-k) or from {@link PersistentChains} (PCD), or {@link ParallelTemperingKernel} on {@link TemperedChains}, whose
 * replicas at every temperature persist across updates (PT).
 *
 * <p>Why this is CD: the RBM's energy is its free energy, so the objective's gradient ∇_θ mean F(v⁺) − ∇_θ mean F(v⁻)
 * is exactly the CD-k/PCD update of Hinton (2002) and Tieleman (2008), with E[h | v] = σ(c + vW) on both sides (the
 * "probabilities, not samples" choice of Hinton's practical guide, §3). PT (Desjardins et al. 2010; Salakhutdinov
 * 2009) only changes where v⁻ comes from: the β = 1 replica of a tempered chain that crosses between modes through
 * swaps with hotter replicas.
 *
 * <p>{@link #trainer} returns the loop {@link Settings#engine()} selects: this reference loop, or
 * {@link FusedRbmTrainer}, which computes the same CD/PCD update for float Bernoulli RBMs on binary data in one loop
 * over Java arrays.
 */
public final class RbmTraining {

    /** The largest |mean free energy| of a batch either engine accepts before it stops the run as diverged. */
    public static final double ENERGY_BOUND = 1e9;

    private RbmTraining() {
    }

    /** Where the negative chains start. */
    public enum Algorithm {
        /** CD-k: k Gibbs steps from the current minibatch (Hinton 2002) */
        CD,
        /** PCD-k: k Gibbs steps continuing persistent chains, one per batch row (Tieleman 2008) */
        PCD,
        /**
         * PT: k parallel-tempering steps (one Gibbs step per temperature, then neighbour swaps) of persistent replicas,
         * n per temperature; the β = 1 replica is the negative phase (Desjardins et al. 2010)
         */
        PT
    }

    /** What a persistent chain keeps between updates (PCD only). */
    public enum Persist {
        /**
         * the visible state v: each update draws h ~ p(h | v) and v ~ p(v | h) with the current parameters (Tieleman
         * 2008, and ebm4j's reference loop)
         */
        VISIBLE,
        /**
         * the hidden sample h: each update draws v ~ p(v | h) with the current parameters, and the next h from the
         * hidden means of that v computed for the gradient (before the update), so one product vW fewer per update.
         * scikit-learn's BernoulliRBM and the deeplearning.net tutorial run PCD this way. Fused loop only.
         */
        HIDDEN;

        /** @return the variant called {@code name} (visible or hidden, any case) */
        public static Persist of(String name) {
            return named(values(), "persist", name);
        }
    }

    /** Which loop computes the updates. */
    public enum Engine {
        /** {@link #FUSED} where it applies (a float Bernoulli RBM, CD or PCD, no sparsity target, binary data), else
         * {@link #REFERENCE} */
        AUTO,
        /** {@link FusedRbmTrainer}: one loop over Java arrays exploiting binary states; an error where it does not
         * apply */
        FUSED,
        /** the shared {@link EbmTrainer} with the Gibbs kernel, the CD objective and SGD on ND4J arrays */
        REFERENCE;

        /** @return the engine called {@code name} (auto, fused or reference, any case) */
        public static Engine of(String name) {
            return named(values(), "engine", name);
        }
    }

    /** @return the constant of {@code values} called {@code name} in any case, or an error naming the choices */
    private static <E extends Enum<E>> E named(E[] values, String argument, String name) {
        for (E e : values) {
            if (e.name().equalsIgnoreCase(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException(argument + " = '" + name + "'; expected " + java.util.Arrays.stream(values)
                .map(e -> e.name().toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.joining(", ", "", "")).replaceAll(", ([^,]*)$", " or $1"));
    }

    /**
     * The sparsity target of Hinton's practical guide (2010, §11) and Lee et al. (2008): an exponentially decaying
     * average q ← decay·q + (1 − decay)·mean_batch E[h | v⁺] of the hidden activations on data is pushed towards the
     * target p by adding cost·(q − p) to the hidden biases' gradient. Off when {@code cost = 0}.
     *
     * @param target p, in (0, 1)
     * @param cost λ, {@code >= 0}
     * @param decay of the running average, in [0, 1)
     */
    public record Sparsity(double target, double cost, double decay) {

        /** No penalty. */
        public static final Sparsity OFF = new Sparsity(0.1, 0.0, 0.9);

        public Sparsity {
            if (!(target > 0 && target < 1)) {
                throw new IllegalArgumentException("sparsity_target = " + target + "; expected a number in (0, 1)");
            }
            Checks.nonNegative("sparsity_cost", cost);
            if (!(decay >= 0 && decay < 1)) {
                throw new IllegalArgumentException("sparsity_decay = " + decay + "; expected a number in [0, 1)");
            }
        }

        public boolean enabled() {
            return cost > 0;
        }
    }

    /**
     * @param algorithm CD, PCD or PT
     * @param gibbsSteps k, Gibbs (for PT: tempering) steps per update, {@code >= 1}
     * @param epochs passes over the data, {@code >= 1}
     * @param batchSize rows per update (and persistent chains for PCD, chains per temperature for PT), {@code >= 1}
     * @param learningRate {@code > 0}
     * @param learningRateDecay multiplicative per-epoch decay in (0, 1]
     * @param momentum classical momentum in [0, 1)
     * @param weightDecay L2 coefficient on all parameters, {@code >= 0}
     * @param seed every random draw derives from it
     * @param temperatures PT's inverse temperatures (null: {@link #DEFAULT_LADDER}); must be null for CD and PCD
     * @param sparsity the hidden-activation target ({@link Sparsity#OFF} or null: none)
     * @param engine the loop that computes the updates (null: {@link Engine#AUTO})
     * @param persist what PCD's chains keep between updates (null: {@link Persist#VISIBLE}); must be VISIBLE for CD
     *     and PT
     */
    public record Settings(Algorithm algorithm, int gibbsSteps, int epochs, int batchSize, double learningRate,
                           double learningRateDecay, double momentum, double weightDecay, long seed,
                           TemperatureLadder temperatures, Sparsity sparsity, Engine engine, Persist persist) {

        /**
         * PT's ladder when none is given: 10 inverse temperatures spaced geometrically from 1 down to 0.1 (on MNIST
         * it kept the hot pairs exchanging, where a linear ladder's did not; see the README).
         */
        public static final TemperatureLadder DEFAULT_LADDER = TemperatureLadder.geometric(10, 0.1);

        public Settings {
            if (algorithm == null) {
                throw new IllegalArgumentException("algorithm is null; expected CD, PCD or PT");
            }
            Checks.positive("k", gibbsSteps);
            Checks.positive("epochs", epochs);
            Checks.positive("batch", batchSize);
            Checks.positive("lr", learningRate);
            Checks.inRange("momentum", momentum, 0, 0.999999);
            Checks.nonNegative("weight_decay", weightDecay);
            if (algorithm == Algorithm.PT && temperatures == null) {
                temperatures = DEFAULT_LADDER;
            }
            if (algorithm != Algorithm.PT && temperatures != null) {
                throw new IllegalArgumentException("temperatures = " + temperatures + " with algorithm = "
                        + algorithm + "; expected no temperature ladder (only PT uses one)");
            }
            if (sparsity == null) {
                sparsity = Sparsity.OFF;
            }
            if (engine == null) {
                engine = Engine.AUTO;
            }
            if (persist == null) {
                persist = Persist.VISIBLE;
            }
            if (persist == Persist.HIDDEN && algorithm != Algorithm.PCD) {
                throw new IllegalArgumentException("persist = hidden with algorithm = " + algorithm
                        + "; expected PCD (only persistent chains keep a state)");
            }
        }

        /** Settings chosen by {@link Engine#AUTO}. */
        public Settings(Algorithm algorithm, int gibbsSteps, int epochs, int batchSize, double learningRate,
                        double learningRateDecay, double momentum, double weightDecay, long seed,
                        TemperatureLadder temperatures, Sparsity sparsity) {
            this(algorithm, gibbsSteps, epochs, batchSize, learningRate, learningRateDecay, momentum, weightDecay,
                    seed, temperatures, sparsity, Engine.AUTO, Persist.VISIBLE);
        }

        /** CD or PCD without a sparsity target (and PT with {@link #DEFAULT_LADDER}). */
        public Settings(Algorithm algorithm, int gibbsSteps, int epochs, int batchSize, double learningRate,
                        double learningRateDecay, double momentum, double weightDecay, long seed) {
            this(algorithm, gibbsSteps, epochs, batchSize, learningRate, learningRateDecay, momentum, weightDecay,
                    seed, null, null, Engine.AUTO, Persist.VISIBLE);
        }

        /** @return PCD-1, batch 100, lr 0.05 without momentum or decay (scikit-learn's BernoulliRBM defaults). */
        public static Settings pcd(int epochs, long seed) {
            return new Settings(Algorithm.PCD, 1, epochs, 100, 0.05, 1.0, 0.0, 0.0, seed);
        }

        public Settings withSeed(long value) {
            return new Settings(algorithm, gibbsSteps, epochs, batchSize, learningRate, learningRateDecay, momentum,
                    weightDecay, value, temperatures, sparsity, engine, persist);
        }

        public Settings withSparsity(Sparsity value) {
            return new Settings(algorithm, gibbsSteps, epochs, batchSize, learningRate, learningRateDecay, momentum,
                    weightDecay, seed, temperatures, value, engine, persist);
        }

        public Settings withEngine(Engine value) {
            return new Settings(algorithm, gibbsSteps, epochs, batchSize, learningRate, learningRateDecay, momentum,
                    weightDecay, seed, temperatures, sparsity, value, persist);
        }

        public Settings withPersist(Persist value) {
            return new Settings(algorithm, gibbsSteps, epochs, batchSize, learningRate, learningRateDecay, momentum,
                    weightDecay, seed, temperatures, sparsity, engine, value);
        }
    }

    /**
     * @param model the RBM, trained in place
     * @param data binary training rows, shape {@code [n, V]}, at least {@code batchSize} of them
     * @return the loop {@code s.engine()} selects ({@link FusedRbmTrainer} with as many threads as ND4J uses, or the
     *     shared {@link EbmTrainer}), ready to {@link ResumableTrainer#train()}; add listeners first
     * @throws IllegalArgumentException if {@link Engine#FUSED} is asked for where it does not apply
     */
    public static ResumableTrainer trainer(RestrictedBoltzmannMachine model, Dataset data, Settings s) {
        if (s.engine() != Engine.REFERENCE) {
            String why = FusedRbmTrainer.unsupported(model, s);
            int[][] rows = null;
            if (why == null) {
                rows = BinaryRows.tryOf(data.allFeatures());
                why = rows == null ? "the data are not binary (every entry 0 or 1)" : null;
            }
            if (why == null) {
                return new FusedRbmTrainer((BernoulliRbm) model, rows, s,
                        Math.max(1, Nd4j.getEnvironment().maxMasterThreads()), provenance(s));
            }
            if (s.engine() == Engine.FUSED) {
                throw new IllegalArgumentException("engine = fused: " + why + "; use engine auto or reference");
            }
        }
        return referenceTrainer(model, data, s);
    }

    private static java.util.Map<String, String> provenance(Settings s) {
        java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("rbm_algorithm", s.algorithm().name().toLowerCase(java.util.Locale.ROOT) + "-" + s.gibbsSteps());
        p.put("rbm_settings", s.toString());
        return p;
    }

    /**
     * The reference loop whatever {@code s.engine()} says: the shared {@link EbmTrainer} with
     * {@link BlockGibbsKernel} or {@link ParallelTemperingKernel}, {@link ContrastiveDivergence} and {@link Sgd}.
     */
    public static EbmTrainer referenceTrainer(RestrictedBoltzmannMachine model, Dataset data, Settings s) {
        if (s.persist() != Persist.VISIBLE) {
            throw new IllegalArgumentException("persist = " + s.persist()
                    + " with the reference loop; expected visible (persistent hidden samples: fused loop only)");
        }
        TrainerConfig config = new TrainerConfig(s.epochs(), s.batchSize(), s.gibbsSteps(), s.learningRate(),
                s.learningRateDecay(), Double.POSITIVE_INFINITY, ENERGY_BOUND, 0.0, false, 0, 1,
                s.algorithm() == Algorithm.CD ? TrainerConfig.ChainStart.DATA : TrainerConfig.ChainStart.BUFFER,
                s.seed(), null, 1000);
        DataType type = model.parameters().values().iterator().next().dataType();
        ContrastiveDivergence cd = new ContrastiveDivergence(0.0);
        EbmTrainer.Builder b = EbmTrainer.builder()
                .model(model)
                .data(data)
                .objective(s.sparsity().enabled() ? new SparsityPenalty(cd, s.sparsity()) : cd)
                .optimizer(new Sgd(s.momentum(), s.weightDecay()))
                .config(config)
                .provenance("rbm_engine", "reference");
        provenance(s).forEach(b::provenance);
        switch (s.algorithm()) {
            case CD -> b.sampler(new BlockGibbsKernel(model));
            case PCD -> b.sampler(new BlockGibbsKernel(model)).buffer(new PersistentChains(model.sampleShape(),
                    s.batchSize(), PersistentChains.Init.BERNOULLI, 0, 1, type));
            case PT -> b.sampler(new ParallelTemperingKernel(model, s.temperatures()))
                    .buffer(new TemperedChains(s.temperatures().size(), s.batchSize(), model.sampleShape(), type))
                    .provenance("rbm_temperatures", s.temperatures().toString());
            default -> throw new IllegalStateException("unhandled algorithm " + s.algorithm());
        }
        if (s.sparsity().enabled()) {
            b.provenance("rbm_sparsity", "target=" + s.sparsity().target() + " cost=" + s.sparsity().cost()
                    + " decay=" + s.sparsity().decay());
        }
        return b.build();
    }
}
