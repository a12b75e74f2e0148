package org.ebm4j.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ebm4j.api.training.TrainingSummary;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.ebm4j.bench.training.Component;
import org.ebm4j.bench.training.TrainingRun;
import org.ebm4j.bench.training.TrainingSpec;
import org.ebm4j.training.checkpoint.TrainingCheckpoint;
import org.ebm4j.training.listener.ProgressBarListener;
import org.ebm4j.training.loop.TrainerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ebm train}: trains an energy by contrastive divergence. Defaults are the reference recipe (conv-swish,
 * seed-langevin, seed-buffer, MNIST, CD α = 0.1, Adam lr 1e-4 β = (0, 0.999), clip 0.1, decay 0.97/epoch,
 * batch 128, 60 steps). Writes OUT/checkpoint.ckpt, OUT/metrics.csv, OUT/metrics.jsonl, OUT/samples/*.png and
 * OUT/model.ebm; {@code --resume} continues OUT/checkpoint.ckpt exactly.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train an energy-based model by contrastive divergence (defaults: the conv EBM recipe on MNIST).")
public final class TrainCommand implements Callable<Integer> {

    static final Set<String> COMPONENTS = Set.of("energy", "sampler", "buffer", "dataset", "objective", "optimizer");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--energy", defaultValue = "conv-swish", description = "energy network by name (default: ${DEFAULT-VALUE})")
    String energy;

    @Option(names = "--sampler", defaultValue = "seed-langevin", description = "negative-phase sampler (default: ${DEFAULT-VALUE})")
    String sampler;

    @Option(names = "--buffer", defaultValue = "seed-buffer", description = "replay buffer (default: ${DEFAULT-VALUE})")
    String buffer;

    @Option(names = "--dataset", defaultValue = "mnist", description = "dataset (default: ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR", description = "data directory (default: ../shared/data/mnist, then ./data/mnist)")
    Path data;

    @Option(names = "--limit", paramLabel = "N", description = "use the first N training images")
    Integer limit;

    @Option(names = "--epochs", defaultValue = "1", description = "passes over the data (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-4", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--lr-decay", defaultValue = "0.97", description = "learning-rate factor per epoch (default: ${DEFAULT-VALUE})")
    double lrDecay;

    @Option(names = "--grad-clip", defaultValue = "0.1", description = "global gradient-norm clip (default: ${DEFAULT-VALUE})")
    double gradClip;

    @Option(names = "--energy-bound", defaultValue = "1e4", paramLabel = "B",
            description = "stop when any |E| exceeds B (divergence; default: ${DEFAULT-VALUE})")
    double energyBound;

    @Option(names = "--alpha", defaultValue = "0.1", description = "energy regulariser weight (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--data-noise", defaultValue = "0.005", description = "std of noise on real data (default: ${DEFAULT-VALUE})")
    double dataNoise;

    @Option(names = "--steps", defaultValue = "60", description = "sampler steps per iteration (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the run (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", defaultValue = "runs/train", paramLabel = "DIR", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--resume", description = "continue OUT/checkpoint.ckpt (same options; --epochs may grow)")
    boolean resume;

    @Option(names = "--set", paramLabel = "COMPONENT.KEY=VALUE",
            description = "component option, e.g. --set sampler.step_size=10 (components: energy, sampler, buffer, "
                    + "dataset, objective, optimizer)")
    List<String> sets;

    @Option(names = "--sample-every", defaultValue = "100", paramLabel = "N", description = "PNG grid of negatives every N iterations (default: ${DEFAULT-VALUE})")
    int sampleEvery;

    @Option(names = "--log-every", defaultValue = "10", paramLabel = "N", description = "log line every N iterations when not on a terminal (default: ${DEFAULT-VALUE})")
    int logEvery;

    @Option(names = "--checkpoint-every", defaultValue = "500", paramLabel = "N", description = "checkpoint every N iterations and at each epoch end (default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    /** @return the run's spec from the options. */
    TrainingSpec spec() {
        Map<String, Map<String, String>> options = ComponentOptions.parse(sets, COMPONENTS);
        Component datasetComponent = new Component(dataset, Map.of());
        if (data != null) {
            datasetComponent = datasetComponent.with("dir", data);
        }
        if (limit != null) {
            datasetComponent = datasetComponent.with("limit", limit);
        }
        TrainingSpec recipe = TrainingSpec.recipe(epochs);
        TrainerConfig trainer = recipe.trainer().withBatchSize(batch).withSamplingSteps(steps)
                .withLearningRate(lr, lrDecay).withGradientClipNorm(gradClip).withEnergyBound(energyBound).withSeed(seed)
                .withDataNoise(dataNoise, true, -1, 1)
                .withCheckpoints(out.resolve("checkpoint.ckpt"), checkpointEvery);
        return recipe.withEnergy(new Component(energy, options.get("energy")))
                .withSampler(new Component(sampler, options.get("sampler")))
                .withBuffer(new Component(buffer, options.get("buffer")))
                .withDataset(datasetComponent.withAll(options.get("dataset")))
                .withObjective(recipe.objective().with("alpha", alpha).withAll(options.get("objective")))
                .withOptimizer(recipe.optimizer().withAll(options.get("optimizer")))
                .withTrainer(trainer);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        TrainingSpec runSpec = spec();
        Path checkpointFile = runSpec.trainer().checkpointFile();
        if (!resume && Files.exists(checkpointFile)) {
            throw new IllegalArgumentException("--out " + out + " already holds " + checkpointFile.getFileName()
                    + "; expected --resume to continue it, or another --out");
        }
        if (resume && !Files.exists(checkpointFile)) {
            throw new IOException("--resume: no checkpoint " + checkpointFile + " to continue");
        }
        TrainingRun run = TrainingRun.assemble(ComponentRegistry.discover(), runSpec);
        if (resume) {
            TrainingCheckpoint checkpoint = TrainingCheckpoint.read(checkpointFile);
            TrainingRun.checkResumable(runSpec, checkpoint);
            run.trainer().restore(checkpoint);
            console.println("resuming " + checkpointFile + " after iteration " + checkpoint.iteration());
        }
        run.withStandardOutputs(out, console, ProgressBarListener.isTerminal(), logEvery, sampleEvery);
        TrainingSummary summary = run.trainer().train();
        run.model().save(out.resolve("model.ebm"));
        console.printf("trained %s on %s: %d iterations; wrote %s, metrics.csv, metrics.jsonl, samples/, model.ebm in %s%n",
                run.model().architecture(), run.data().name(), summary.iterations(), checkpointFile.getFileName(), out);
        console.flush();
        return 0;
    }
}
