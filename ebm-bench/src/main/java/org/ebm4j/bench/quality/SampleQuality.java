package org.ebm4j.bench.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.io.TensorArchive;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.ebm4j.training.data.IdxFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores image samples against MNIST test images with the cached {@link MnistClassifier}: classifier-FID (Fréchet
 * distance of its 128 penultimate features) and inception score. The classifier is trained once (3 epochs on the
 * 60,000 training images, seed 0) and cached; delete the file to retrain.
 */
public final class SampleQuality {

    /** Default cache of the classifier, relative to the working directory. */
    public static final Path DEFAULT_CLASSIFIER = Path.of("bench-results", "mnist-classifier.fb");

    private final MnistClassifier classifier;
    private final double[][] referenceFeatures;

    /**
     * @param classifier the trained classifier
     * @param reference the reference images (MNIST test) in [-1, 1]
     */
    public SampleQuality(MnistClassifier classifier, INDArray reference) {
        this.classifier = classifier;
        this.referenceFeatures = classifier.features(reference);
    }

    /** A scorer built from the classifier file as it was at {@code modified}. */
    private record Shared(long modified, SampleQuality quality) {
    }

    /** One scorer per classifier file and MNIST folder in this JVM, rebuilt when the file changes. */
    private static final Map<String, Shared> SHARED = new java.util.HashMap<>();

    /**
     * @return scores against the 10,000 MNIST test digits with the cached classifier (trained on first use); built
     *     once per JVM, so benchmark cells after the first skip loading the classifier and the reference features
     * @param data the MNIST folder, or null for the dataset's default
     */
    public static SampleQuality againstMnistTest(ComponentRegistry registry, Path data, Consumer<String> log)
            throws IOException {
        synchronized (SHARED) {
            String key = DEFAULT_CLASSIFIER.toAbsolutePath() + "|" + (data == null ? "" : data.toAbsolutePath());
            Shared shared = SHARED.get(key);
            if (shared == null || !Files.isRegularFile(DEFAULT_CLASSIFIER)
                    || shared.modified() != Files.getLastModifiedTime(DEFAULT_CLASSIFIER).toMillis()) {
                MnistClassifier c = classifier(DEFAULT_CLASSIFIER, registry, data, log);
                shared = new Shared(Files.getLastModifiedTime(DEFAULT_CLASSIFIER).toMillis(),
                        new SampleQuality(c, mnist(registry, data, "test", 10000).images()));
                SHARED.put(key, shared);
            }
            return shared.quality();
        }
    }

    /** Scores of one sample set. */
    public record Score(int n, double fid, double inceptionScore) {
    }

    /** @param images [n, 1, 28, 28] or [n, 784] in [-1, 1]; one call at a time (the classifier is not thread-safe) */
    public synchronized Score score(INDArray images) {
        return new Score((int) images.size(0), FrechetDistance.between(classifier.features(images), referenceFeatures),
                InceptionScore.of(classifier.probabilities(images)));
    }

    /** @return the classifier in use. */
    public MnistClassifier classifier() {
        return classifier;
    }

    /**
     * Loads the cached classifier, or trains and caches it.
     *
     * @param registry supplies the {@code mnist} dataset
     * @param data the MNIST folder, or null for the dataset's default
     */
    public static MnistClassifier classifier(Path cache, ComponentRegistry registry, Path data, Consumer<String> log)
            throws IOException {
        if (Files.isRegularFile(cache)) {
            return MnistClassifier.load(cache);
        }
        log.accept("training the MNIST classifier for classifier-FID once; cached at " + cache);
        Images train = mnist(registry, data, "train", 60000);
        MnistClassifier c = MnistClassifier.create(RandomKey.of(0));
        c.train(train.images(), train.labels(), 3, 100, RandomKey.of(0).fold("shuffle"), log);
        Images test = mnist(registry, data, "test", 10000);
        log.accept(String.format("classifier test accuracy %.4f", c.accuracy(test.images(), test.labels())));
        c.save(cache);
        return c;
    }

    /** Images and their labels. */
    public record Images(INDArray images, int[] labels) {
    }

    /** @return the first {@code limit} images of an MNIST split, in [-1, 1], with labels. */
    public static Images mnist(ComponentRegistry registry, Path data, String split, int limit) throws IOException {
        Map<String, Object> options = new java.util.HashMap<>(Map.of("split", split, "limit", limit));
        if (data != null) {
            options.put("dir", data.toString());
        }
        Dataset d = registry.datasets().get("mnist").open(ComponentConfig.of("mnist", options));
        int[] all = IntStream.range(0, d.size()).toArray();
        return new Images(d.features(all), d.labels().orElseThrow());
    }

    // IDX files start with two zero bytes (or gzip's 1f 8b); tensor archives are ZIPs ("PK").
    private static boolean isIdx(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && !(head[0] == 'P' && head[1] == 'K');
        }
    }

    /**
     * Reads samples: an IDX file of uint8 images ({@code [n, 28, 28]}, as {@code torch_conv_ebm.py train} and
     * {@code ebm generate} write), or a tensor archive (as {@code ebm generate}'s samples.ebm) whose array {@code samples} is in [-1, 1].
     *
     * @return [n, 1, 28, 28] in [-1, 1]
     */
    public static INDArray readSamples(Path file) throws IOException {
        if (!isIdx(file)) {
            INDArray s = TensorArchive.read(file).array("samples");
            return s.reshape('c', s.size(0), 1, 28, 28).castTo(DataType.FLOAT);
        }
        IdxFile idx = IdxFile.read(file, null, "expected an IDX file of uint8 28x28 images");
        if (idx.itemLength() != 784) {
            throw new IOException(file + ": items of " + idx.itemLength() + " values; expected 28x28 images");
        }
        float[] v = new float[idx.data().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (idx.data()[i] & 0xFF) / 127.5f - 1f;
        }
        return Nd4j.create(v, new long[] {idx.count(), 1, 28, 28}, DataType.FLOAT);
    }
}
