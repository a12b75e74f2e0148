package org.ebm4j.bench.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ebm4j.api.energy.ParametricEnergy;
import org.ebm4j.api.io.TensorArchive;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.ChainInitializer;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.sampling.SamplingResult;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.ebm4j.bench.training.Component;
import org.ebm4j.bench.training.TrainingRun;
import org.ebm4j.bench.training.TrainingSpec;
import org.ebm4j.training.checkpoint.TrainingCheckpoint;
import org.ebm4j.training.image.ChainAnimation;
import org.ebm4j.training.image.ImageGrid;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ebm generate}: runs the sampler of a trained model from fresh noise and writes OUT/samples.png (a grid of the
 * final states), OUT/chain-strip.png (chains across steps, left to right), OUT/chain.gif (the grid over steps,
 * animated), OUT/samples.ebm (the final states as a tensor archive) and, for one-channel images, OUT/samples-idx3-ubyte
 * (uint8 IDX, the PyTorch baseline's format, for {@code ebm bench quality}).
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sample from a trained model: PNG grid, strip and animated GIF of the chains over steps.")
public final class GenerateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "checkpoint written by ebm train")
    Path checkpoint;

    @Option(names = "--steps", defaultValue = "256", description = "sampler steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--n", defaultValue = "64", description = "number of chains (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: generated/ beside the checkpoint)")
    Path out;

    @Option(names = "--sampler", paramLabel = "NAME", description = "sampler by name (default: the one trained with)")
    String sampler;

    @Option(names = "--init", defaultValue = "uniform", description = "chain initialiser by name (default: ${DEFAULT-VALUE}, U(-1,1))")
    String init;

    @Option(names = "--set", paramLabel = "COMPONENT.KEY=VALUE", description = "sampler or init option, e.g. --set sampler.step_size=10")
    List<String> sets;

    @Option(names = "--frames", defaultValue = "16", description = "steps shown in the strip and the GIF (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--strip-chains", defaultValue = "8", description = "chains (rows) in the strip (default: ${DEFAULT-VALUE})")
    int stripChains;

    @Option(names = "--delay-ms", defaultValue = "120", description = "GIF frame delay (default: ${DEFAULT-VALUE})")
    int delayMillis;

    @Option(names = "--seed", defaultValue = "0", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws IOException {
        org.ebm4j.api.config.Checks.positive("--n", n);
        org.ebm4j.api.config.Checks.positive("--steps", steps);
        Map<String, Map<String, String>> options = ComponentOptions.parse(sets, Set.of("sampler", "init"));
        ComponentRegistry registry = ComponentRegistry.discover();
        TrainingCheckpoint ckpt = TrainingCheckpoint.read(checkpoint);
        ParametricEnergy model = TrainingRun.loadModel(registry, ckpt);
        Component recorded = TrainingSpec.recorded("sampler", ckpt.metadata());
        Component chosen = sampler != null ? new Component(sampler, Map.of())
                : recorded != null ? recorded : Component.of("seed-langevin");
        chosen = chosen.withAll(options.get("sampler"));
        SamplingKernel<?> kernel = registry.samplers().get(chosen.name()).create(model, chosen.config("sampler"));
        ChainInitializer initializer = registry.chainInitializers().get(init)
                .create(new Component(init, options.get("init")).config("chain initializer"));
        RandomKey key = RandomKey.of(seed);
        INDArray start = initializer.initialize(n, model.sampleShape(), key.fold("init"));

        int[] shown = ChainAnimation.evenlySpaced(steps + 1, frames); // index 0 is the start
        List<INDArray> kept = new ArrayList<>();
        if (shown[0] == 0) {
            kept.add(start.dup());
        }
        INDArray samples = run(kernel, start, key.fold("sampler"), shown, kept);

        Path dir = out != null ? out : checkpoint.toAbsolutePath().getParent().resolve("generated");
        ImageGrid.writePng(samples, ImageGrid.squareColumns(n), dir.resolve("samples.png"));
        int[] all = new int[kept.size()];
        Arrays.setAll(all, i -> i);
        ImageGrid.writePng(ChainAnimation.strip(kept, stripChains, all), dir.resolve("chain-strip.png"));
        List<BufferedImage> pictures = new ArrayList<>();
        for (INDArray x : kept) {
            pictures.add(ImageGrid.tile(x, ImageGrid.squareColumns(n), -1, 1));
        }
        ChainAnimation.writeGif(pictures, delayMillis, dir.resolve("chain.gif"));
        TensorArchive.write(dir.resolve("samples.ebm"), Map.of("kind", "samples", "sampler", chosen.toString(),
                "steps", Integer.toString(steps), "seed", Long.toString(seed), "checkpoint", checkpoint.toString()),
                Map.of("samples", samples));
        if (samples.rank() == 4 && samples.size(1) == 1) {
            // The PyTorch baseline's sample format, so 'ebm bench quality' scores both stacks' files alike.
            org.ebm4j.training.data.IdxFile.writeImages(dir.resolve("samples-idx3-ubyte"), samples);
        }
        PrintWriter console = spec.commandLine().getOut();
        console.printf("%d chains x %d steps of %s; mean energy %.4g; wrote samples.png, chain-strip.png, chain.gif, "
                + "samples.ebm (and samples-idx3-ubyte for grey images) in %s%n", n, steps, chosen, model.energy(samples).meanNumber().doubleValue(), dir);
        console.flush();
        return 0;
    }

    /** Runs the kernel, keeping copies of the positions after the steps listed in {@code shown}. */
    private <S extends SamplerState> INDArray run(SamplingKernel<S> kernel, INDArray start, RandomKey key, int[] shown,
                                                  List<INDArray> kept) {
        SamplingResult<S> result = SamplingDriver.run(kernel, kernel.init(start), steps, key, false,
                (state, info) -> {
                    if (Arrays.binarySearch(shown, (int) state.step()) >= 0) {
                        kept.add(state.position().dup());
                    }
                    return true;
                });
        return result.samples();
    }
}
