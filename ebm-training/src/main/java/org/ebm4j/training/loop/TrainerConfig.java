package org.ebm4j.training.loop;

import java.nio.file.Path;
import org.ebm4j.api.config.Checks;

/**
 * Settings of a training run, validated at construction. Defaults ({@link #defaults()}) are the reference recipe
 * for the conv EBM on MNIST: batch 128, 60 sampling steps, Adam lr 1e-4 decayed ×0.97 per epoch, gradient-norm
 * clipping 0.1, data noise N(0, 0.005²) clamped to [−1, 1].
 *
 * @param epochs passes over the data, {@code >= 1}
 * @param batchSize positives (and negatives) per iteration; an epoch has ⌊size / batch⌋ iterations (the last
 *     partial batch is dropped)
 * @param samplingSteps sampler steps per iteration for the negative phase, {@code >= 1}
 * @param learningRate learning rate of the first epoch, {@code > 0}
 * @param learningRateDecay multiplicative decay per epoch, in (0, 1] (lr of epoch e = lr · decayᵉ)
 * @param gradientClipNorm the global L2 norm above which gradients are rescaled; {@code +∞} disables clipping
 * @param energyBound the run stops when a mean energy's magnitude exceeds this (divergence), {@code > 0}
 * @param dataNoiseStd std of Gaussian noise added to positives, {@code >= 0} (0 disables)
 * @param clampData whether positives are clamped to [clampLow, clampHigh] after the noise
 * @param clampLow lower clamp bound
 * @param clampHigh upper clamp bound
 * @param chainStart where negative chains start
 * @param seed the run's seed; every random draw derives from it and the iteration number
 * @param checkpointFile where checkpoints are written (atomically), or null for none
 * @param checkpointEvery write a checkpoint every this many iterations (and at each epoch end), {@code >= 1}
 */
public record TrainerConfig(int epochs, int batchSize, int samplingSteps, double learningRate,
                            double learningRateDecay, double gradientClipNorm, double energyBound,
                            double dataNoiseStd, boolean clampData, double clampLow, double clampHigh,
                            ChainStart chainStart, long seed, Path checkpointFile, int checkpointEvery) {

    /** Where the negative phase's chains start. */
    public enum ChainStart {
        /** from the replay buffer (fresh noise plus stored samples): short-run and persistent EBM training, PCD */
        BUFFER,
        /** from the current positive batch: CD-k (Hinton 2002) */
        DATA
    }

    public TrainerConfig {
        Checks.positive("epochs", epochs);
        Checks.positive("batch_size", batchSize);
        Checks.positive("sampling_steps", samplingSteps);
        Checks.positive("learning_rate", learningRate);
        if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw new IllegalArgumentException("lr_decay = " + learningRateDecay + "; expected a number in (0, 1]");
        }
        if (!(gradientClipNorm > 0)) {
            throw new IllegalArgumentException("grad_clip_norm = " + gradientClipNorm
                    + "; expected a number > 0 (Infinity disables clipping)");
        }
        Checks.positive("energy_bound", energyBound);
        Checks.nonNegative("data_noise_std", dataNoiseStd);
        if (clampData && !(clampLow < clampHigh)) {
            throw new IllegalArgumentException("clamp = [" + clampLow + ", " + clampHigh + "]; expected low < high");
        }
        if (chainStart == null) {
            throw new IllegalArgumentException("chain_start is null; expected BUFFER or DATA");
        }
        Checks.positive("checkpoint_every", checkpointEvery);
    }

    /** @return the reference recipe's settings for {@code epochs} epochs, without checkpoints. */
    public static TrainerConfig defaults(int epochs) {
        return new TrainerConfig(epochs, 128, 60, 1e-4, 0.97, 0.1, 1e4, 0.005, true, -1, 1, ChainStart.BUFFER, 42,
                null, 500);
    }

    /** @return the reference recipe's settings for 60 epochs. */
    public static TrainerConfig defaults() {
        return defaults(60);
    }

    public TrainerConfig withEpochs(int value) {
        return new TrainerConfig(value, batchSize, samplingSteps, learningRate, learningRateDecay, gradientClipNorm,
                energyBound, dataNoiseStd, clampData, clampLow, clampHigh, chainStart, seed, checkpointFile,
                checkpointEvery);
    }

    public TrainerConfig withBatchSize(int value) {
        return new TrainerConfig(epochs, value, samplingSteps, learningRate, learningRateDecay, gradientClipNorm,
                energyBound, dataNoiseStd, clampData, clampLow, clampHigh, chainStart, seed, checkpointFile,
                checkpointEvery);
    }

    public TrainerConfig withSamplingSteps(int value) {
        return new TrainerConfig(epochs, batchSize, value, learningRate, learningRateDecay, gradientClipNorm,
                energyBound, dataNoiseStd, clampData, clampLow, clampHigh, chainStart, seed, checkpointFile,
                checkpointEvery);
    }

    public TrainerConfig withLearningRate(double value, double decayPerEpoch) {
        return new TrainerConfig(epochs, batchSize, samplingSteps, value, decayPerEpoch, gradientClipNorm,
                energyBound, dataNoiseStd, clampData, clampLow, clampHigh, chainStart, seed, checkpointFile,
                checkpointEvery);
    }

    public TrainerConfig withGradientClipNorm(double value) {
        return new TrainerConfig(epochs, batchSize, samplingSteps, learningRate, learningRateDecay, value,
                energyBound, dataNoiseStd, clampData, clampLow, clampHigh, chainStart, seed, checkpointFile,
                checkpointEvery);
    }

    public TrainerConfig withEnergyBound(double value) {
        return new TrainerConfig(epochs, batchSize, samplingSteps, learningRate, learningRateDecay, gradientClipNorm,
                value, dataNoiseStd, clampData, clampLow, clampHigh, chainStart, seed, checkpointFile,
                checkpointEvery);
    }

    /** @return a copy with data noise {@code std} and clamping to [low, high] ({@code clamp} false disables it). */
    public TrainerConfig withDataNoise(double std, boolean clamp, double low, double high) {
        return new TrainerConfig(epochs, batchSize, samplingSteps, learningRate, learningRateDecay, gradientClipNorm,
                energyBound, std, clamp, low, high, chainStart, seed, checkpointFile, checkpointEvery);
    }

    public TrainerConfig withChainStart(ChainStart value) {
        return new TrainerConfig(epochs, batchSize, samplingSteps, learningRate, learningRateDecay, gradientClipNorm,
                energyBound, dataNoiseStd, clampData, clampLow, clampHigh, value, seed, checkpointFile,
                checkpointEvery);
    }

    public TrainerConfig withSeed(long value) {
        return new TrainerConfig(epochs, batchSize, samplingSteps, learningRate, learningRateDecay, gradientClipNorm,
                energyBound, dataNoiseStd, clampData, clampLow, clampHigh, chainStart, value, checkpointFile,
                checkpointEvery);
    }

    public TrainerConfig withCheckpoints(Path file, int every) {
        return new TrainerConfig(epochs, batchSize, samplingSteps, learningRate, learningRateDecay, gradientClipNorm,
                energyBound, dataNoiseStd, clampData, clampLow, clampHigh, chainStart, seed, file, every);
    }
}
