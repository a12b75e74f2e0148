package org.ebm4j.rbm.training;

import org.ebm4j.api.config.Checks;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.rbm.gibbs.BlockGibbsKernel;
import org.ebm4j.rbm.model.RestrictedBoltzmannMachine;
import org.ebm4j.training.buffer.PersistentChains;
import org.ebm4j.training.loop.EbmTrainer;
import org.ebm4j.training.loop.TrainerConfig;
import org.ebm4j.training.objective.ContrastiveDivergence;
import org.ebm4j.training.optim.Sgd;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * CD-k and PCD for RBMs, assembled from the shared pieces: the {@link EbmTrainer} loop, the
 * {@link ContrastiveDivergence} objective with α = 0, {@link BlockGibbsKernel} for the negative phase,
 * {@link PersistentChains} (PCD) or chains started at the data (CD-k), and {@link Sgd} with momentum and weight decay.
 *
 * <p>Why this is CD: the RBM's energy is its free energy, so the objective's gradient ∇_θ mean F(v⁺) − ∇_θ mean F(v⁻)
 * is exactly the CD-k/PCD update of Hinton (2002) and Tieleman (2008), with E[h | v] = σ(c + vW) on both sides (the
 * "probabilities, not samples" choice of Hinton's practical guide, §3).
 */
public final class RbmTraining {

    private RbmTraining() {
    }

    /** Where the negative chains start. */
    public enum Algorithm {
        /** CD-k: k Gibbs steps from the current minibatch (Hinton 2002) */
        CD,
        /** PCD-k: k Gibbs steps continuing persistent chains, one per batch row (Tieleman 2008) */
        PCD
    }

    /**
     * @param algorithm CD or PCD
     * @param gibbsSteps k, Gibbs steps per update, {@code >= 1}
     * @param epochs passes over the data, {@code >= 1}
     * @param batchSize rows per update (and persistent chains for PCD), {@code >= 1}
     * @param learningRate {@code > 0}
     * @param learningRateDecay multiplicative per-epoch decay in (0, 1]
     * @param momentum classical momentum in [0, 1)
     * @param weightDecay L2 coefficient on all parameters, {@code >= 0}
     * @param seed every random draw derives from it
     */
    public record Settings(Algorithm algorithm, int gibbsSteps, int epochs, int batchSize, double learningRate,
                           double learningRateDecay, double momentum, double weightDecay, long seed) {

        public Settings {
            if (algorithm == null) {
                throw new IllegalArgumentException("algorithm is null; expected CD or PCD");
            }
            Checks.positive("k", gibbsSteps);
            Checks.positive("epochs", epochs);
            Checks.positive("batch", batchSize);
            Checks.positive("lr", learningRate);
            Checks.inRange("momentum", momentum, 0, 0.999999);
            Checks.nonNegative("weight_decay", weightDecay);
        }

        /** @return PCD-1, batch 100, lr 0.05 without momentum or decay (scikit-learn's BernoulliRBM defaults). */
        public static Settings pcd(int epochs, long seed) {
            return new Settings(Algorithm.PCD, 1, epochs, 100, 0.05, 1.0, 0.0, 0.0, seed);
        }
    }

    /**
     * @param model the RBM, trained in place
     * @param data binary training rows, shape {@code [n, V]}, at least {@code batchSize} of them
     * @return a trainer ready to {@link EbmTrainer#train()}; add listeners first
     */
    public static EbmTrainer trainer(RestrictedBoltzmannMachine model, Dataset data, Settings s) {
        TrainerConfig config = new TrainerConfig(s.epochs(), s.batchSize(), s.gibbsSteps(), s.learningRate(),
                s.learningRateDecay(), Double.POSITIVE_INFINITY, 1e9, 0.0, false, 0, 1,
                s.algorithm() == Algorithm.PCD ? TrainerConfig.ChainStart.BUFFER : TrainerConfig.ChainStart.DATA,
                s.seed(), null, 1000);
        DataType type = model.parameters().values().iterator().next().dataType();
        EbmTrainer.Builder b = EbmTrainer.builder()
                .model(model)
                .data(data)
                .sampler(new BlockGibbsKernel(model))
                .objective(new ContrastiveDivergence(0.0))
                .optimizer(new Sgd(s.momentum(), s.weightDecay()))
                .config(config)
                .provenance("rbm_algorithm", s.algorithm().name().toLowerCase(java.util.Locale.ROOT) + "-"
                        + s.gibbsSteps())
                .provenance("rbm_settings", s.toString());
        if (s.algorithm() == Algorithm.PCD) {
            b.buffer(new PersistentChains(model.sampleShape(), s.batchSize(), PersistentChains.Init.BERNOULLI, 0, 1,
                    type));
        }
        return b.build();
    }
}
