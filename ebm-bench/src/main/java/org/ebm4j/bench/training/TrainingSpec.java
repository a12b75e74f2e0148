package org.ebm4j.bench.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.training.loop.TrainerConfig;

/**
 * What a training run is made of, by registered name, and how it trains. {@link #recipe(int)} is the reference recipe
 * for the conv EBM on MNIST: conv-swish energy, seed-langevin sampler (60 steps), seed-buffer, MNIST in [−1, 1], CD
 * with α = 0.1, Adam (lr 1e-4, β1 = 0, β2 = 0.999) with gradient-norm clipping 0.1 and lr decay 0.97 per epoch, batch
 * 128.
 *
 * @param energy the energy network
 * @param sampler the negative-phase kernel
 * @param buffer where chains start
 * @param dataset the positives
 * @param objective the loss
 * @param optimizer the parameter update
 * @param trainer loop settings (epochs, batch, steps, lr schedule, clipping, data noise, seed, checkpoints)
 */
public record TrainingSpec(Component energy, Component sampler, Component buffer, Component dataset,
                           Component objective, Component optimizer, TrainerConfig trainer) {

    /** @return the reference recipe for {@code epochs} epochs. */
    public static TrainingSpec recipe(int epochs) {
        return new TrainingSpec(Component.of("conv-swish"), Component.of("seed-langevin"),
                Component.of("seed-buffer"), Component.of("mnist"),
                Component.of("contrastive-divergence").with("alpha", 0.1),
                Component.of("adam").with("beta1", 0.0).with("beta2", 0.999), TrainerConfig.defaults(epochs));
    }

    public TrainingSpec withEnergy(Component value) {
        return new TrainingSpec(value, sampler, buffer, dataset, objective, optimizer, trainer);
    }

    public TrainingSpec withSampler(Component value) {
        return new TrainingSpec(energy, value, buffer, dataset, objective, optimizer, trainer);
    }

    public TrainingSpec withBuffer(Component value) {
        return new TrainingSpec(energy, sampler, value, dataset, objective, optimizer, trainer);
    }

    public TrainingSpec withDataset(Component value) {
        return new TrainingSpec(energy, sampler, buffer, value, objective, optimizer, trainer);
    }

    public TrainingSpec withObjective(Component value) {
        return new TrainingSpec(energy, sampler, buffer, dataset, value, optimizer, trainer);
    }

    public TrainingSpec withOptimizer(Component value) {
        return new TrainingSpec(energy, sampler, buffer, dataset, objective, value, trainer);
    }

    public TrainingSpec withTrainer(TrainerConfig value) {
        return new TrainingSpec(energy, sampler, buffer, dataset, objective, optimizer, value);
    }

    /** @return the components as checkpoint metadata ({@code spec.energy=conv-swish}, {@code spec.sampler.step_size=10}). */
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        energy.record("energy", m);
        sampler.record("sampler", m);
        buffer.record("buffer", m);
        dataset.record("dataset", m);
        objective.record("objective", m);
        optimizer.record("optimizer", m);
        return m;
    }

    /** @return the component of {@code kind} recorded in checkpoint {@code metadata}, or null. */
    public static Component recorded(String kind, Map<String, String> metadata) {
        return Component.recorded(kind, metadata);
    }
}
