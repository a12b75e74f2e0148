package org.ebm4j.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ebm4j.bench.quality.MnistClassifier;
import org.ebm4j.bench.quality.SampleQuality;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ebm bench quality}: classifier-FID and inception score of image samples. */
@Command(name = "quality", mixinStandardHelpOptions = true,
        description = "Score image samples (IDX uint8 files or tensor archives with an array 'samples') by "
                + "classifier-FID against MNIST test images and by inception score, next to the floor: MNIST "
                + "training images scored the same way.")
final class QualityCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SAMPLES", arity = "0..*", description = "sample files to score")
    List<Path> samples = new ArrayList<>();

    @Option(names = "--classifier", description = "cached classifier (trained on first use; default "
            + "bench-results/mnist-classifier.fb)")
    Path classifierFile = SampleQuality.DEFAULT_CLASSIFIER;

    @Option(names = "--data", description = "MNIST folder (default ../shared/data/mnist, then ./data/mnist)")
    Path data;

    @Option(names = "--n", defaultValue = "1000", description = "images per set (samples: the first n; default 1000)")
    int n;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (n < 2) {
            throw new IllegalArgumentException("--n = " + n + "; expected >= 2");
        }
        PrintWriter out = spec.commandLine().getOut();
        ComponentRegistry registry = ComponentRegistry.discover();
        MnistClassifier classifier = SampleQuality.classifier(classifierFile, registry, data, line -> {
            out.println(line);
            out.flush();
        });
        SampleQuality quality = new SampleQuality(classifier, SampleQuality.mnist(registry, data, "test", 10000)
                .images());
        out.println("| samples | n | classifier-FID vs MNIST test | inception score |");
        out.println("|---|---|---|---|");
        row(out, "MNIST train (floor)", quality.score(SampleQuality.mnist(registry, data, "train", n).images()));
        for (Path file : samples) {
            INDArray s = SampleQuality.readSamples(file);
            if (s.size(0) > n) {
                s = s.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n));
            }
            row(out, file.toString(), quality.score(s));
        }
        out.flush();
        return 0;
    }

    private static void row(PrintWriter out, String name, SampleQuality.Score s) {
        out.println(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f |", name, s.n(), s.fid(), s.inceptionScore()));
    }
}
