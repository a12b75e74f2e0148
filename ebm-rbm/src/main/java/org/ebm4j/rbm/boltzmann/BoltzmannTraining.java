package org.ebm4j.rbm.boltzmann;

import org.ebm4j.api.data.Dataset;
import org.ebm4j.rbm.training.RbmTraining;
import org.ebm4j.training.buffer.PersistentChains;
import org.ebm4j.training.loop.EbmTrainer;
import org.ebm4j.training.loop.TrainerConfig;
import org.ebm4j.training.objective.ContrastiveDivergence;
import org.ebm4j.training.optim.Sgd;

/**
 * Boltzmann-machine learning on the shared trainer: mean-field positive phase ({@link MeanFieldCompletion}),
 * sequential Gibbs negative phase ({@link SequentialGibbsKernel}) from persistent chains (PCD) or from the completed
 * data (CD), the CD objective with α = 0, SGD with momentum and weight decay.
 */
public final class BoltzmannTraining {

    private BoltzmannTraining() {
    }

    /**
     * @param data binary visible rows {@code [n, V]}
     * @param settings as for RBMs (CD or PCD, no sparsity target); {@code gibbsSteps} counts sequential sweeps
     * @param meanFieldIterations fixed-point iterations of the positive phase, {@code >= 1}
     */
    public static EbmTrainer trainer(BoltzmannMachine model, Dataset data, RbmTraining.Settings settings,
                                     int meanFieldIterations) {
        if (settings.algorithm() == RbmTraining.Algorithm.PT || settings.sparsity().enabled()) {
            throw new IllegalArgumentException("settings = " + settings + "; Boltzmann machines train with CD or PCD"
                    + " and no sparsity target");
        }
        boolean persistent = settings.algorithm() == RbmTraining.Algorithm.PCD;
        TrainerConfig config = new TrainerConfig(settings.epochs(), settings.batchSize(), settings.gibbsSteps(),
                settings.learningRate(), settings.learningRateDecay(), Double.POSITIVE_INFINITY, 1e9, 0.0, false, 0,
                1, persistent ? TrainerConfig.ChainStart.BUFFER : TrainerConfig.ChainStart.DATA, settings.seed(),
                null, 1000);
        EbmTrainer.Builder b = EbmTrainer.builder()
                .model(model)
                .data(new MeanFieldCompletion(data, model, meanFieldIterations, 0.0))
                .sampler(new SequentialGibbsKernel(model))
                .objective(new ContrastiveDivergence(0.0))
                .optimizer(new Sgd(settings.momentum(), settings.weightDecay()))
                .config(config)
                .provenance("bm_settings", settings.toString());
        if (persistent) {
            b.buffer(new PersistentChains(model.sampleShape(), settings.batchSize(), PersistentChains.Init.BERNOULLI,
                    0, 1, model.weights().dataType()));
        }
        return b.build();
    }
}
