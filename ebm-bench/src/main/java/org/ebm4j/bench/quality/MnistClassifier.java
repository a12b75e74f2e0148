package org.ebm4j.bench.quality;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.Consumer;
import org.ebm4j.api.random.RandomKey;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The MNIST classifier behind classifier-FID: a SameDiff MLP 784 → 256 → 128 → 10 with ReLU, trained with Adam
 * (lr 1e-3) on images in [-1, 1]. The 128 ReLU units of the last hidden layer are the features for the Fréchet
 * distance; the softmax gives the probabilities for the inception score. Weights start He-normal from a
 * {@link RandomKey}, so the same key and data give the same classifier. Saved as SameDiff's FlatBuffers file.
 */
public final class MnistClassifier {

    /** Width of the feature layer. */
    public static final int FEATURES = 128;
    private static final int PIXELS = 784;
    private static final int CLASSES = 10;

    private final SameDiff graph;

    private MnistClassifier(SameDiff graph) {
        this.graph = graph;
    }

    /** @return an untrained classifier with He-normal weights drawn from {@code key}. */
    public static MnistClassifier create(RandomKey key) {
        SameDiff sd = SameDiff.create();
        SDVariable input = sd.placeHolder("input", DataType.FLOAT, -1, PIXELS);
        SDVariable label = sd.placeHolder("label", DataType.FLOAT, -1, CLASSES);
        SDVariable h1 = sd.nn.relu(dense(sd, input, PIXELS, 256, key.fold(1), "l1"), 0);
        SDVariable h2 = sd.nn.relu("features", dense(sd, h1, 256, FEATURES, key.fold(2), "l2"), 0);
        SDVariable logits = dense(sd, h2, FEATURES, CLASSES, key.fold(3), "l3");
        sd.nn.softmax("probabilities", logits, 1);
        sd.loss.softmaxCrossEntropy("loss", label, logits, null);
        sd.setTrainingConfig(new TrainingConfig.Builder().updater(new Adam(1e-3))
                .dataSetFeatureMapping("input").dataSetLabelMapping("label").build());
        return new MnistClassifier(sd);
    }

    private static SDVariable dense(SameDiff sd, SDVariable in, int fanIn, int fanOut, RandomKey key, String name) {
        INDArray w = Nd4j.randn(key.nd4jRandom(), fanIn, fanOut).castTo(DataType.FLOAT).muli(Math.sqrt(2.0 / fanIn));
        SDVariable weights = sd.var(name + "_W", w);
        SDVariable bias = sd.var(name + "_b", Nd4j.zeros(DataType.FLOAT, fanOut));
        return in.mmul(weights).add(bias);
    }

    /**
     * Trains on shuffled minibatches.
     *
     * @param images [n, 784] or [n, 1, 28, 28] in [-1, 1]
     * @param labels n labels in 0..9
     * @param progress receives one line per epoch
     */
    public void train(INDArray images, int[] labels, int epochs, int batch, RandomKey key, Consumer<String> progress) {
        INDArray x = flat(images);
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException("labels: " + labels.length + " for " + x.rows() + " images");
        }
        INDArray y = Nd4j.zeros(DataType.FLOAT, labels.length, CLASSES);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1f);
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            long t0 = System.nanoTime();
            int[] order = permutation(labels.length, key.fold(epoch));
            for (int start = 0; start + batch <= order.length; start += batch) {
                int[] idx = java.util.Arrays.copyOfRange(order, start, start + batch);
                graph.fit(new DataSet(x.getRows(idx), y.getRows(idx)));
            }
            progress.accept(String.format("classifier epoch %d/%d: %.1f s, training accuracy %.4f", epoch + 1,
                    epochs, (System.nanoTime() - t0) / 1e9, accuracy(x, labels)));
        }
    }

    /** @return the fraction of images classified as their label. */
    public double accuracy(INDArray images, int[] labels) {
        double[][] p = probabilities(images);
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int j = 1; j < CLASSES; j++) {
                if (p[i][j] > p[i][best]) {
                    best = j;
                }
            }
            right += best == labels[i] ? 1 : 0;
        }
        return right / (double) labels.length;
    }

    /** @return features [n, 128] of images in [-1, 1]. */
    public double[][] features(INDArray images) {
        return output(images, "features");
    }

    /** @return class probabilities [n, 10]. */
    public double[][] probabilities(INDArray images) {
        return output(images, "probabilities");
    }

    private double[][] output(INDArray images, String variable) {
        INDArray x = flat(images);
        int chunk = 1000;
        double[][] out = new double[(int) x.rows()][];
        for (int start = 0; start < x.rows(); start += chunk) {
            int end = (int) Math.min(x.rows(), start + chunk);
            INDArray part = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            double[][] rows = graph.outputSingle(Map.of("input", part), variable).castTo(DataType.DOUBLE)
                    .toDoubleMatrix();
            System.arraycopy(rows, 0, out, start, rows.length);
        }
        return out;
    }

    private static INDArray flat(INDArray images) {
        if (images.length() % PIXELS != 0 || images.rank() < 2 || images.length() / images.size(0) != PIXELS) {
            throw new IllegalArgumentException("images: shape " + java.util.Arrays.toString(images.shape())
                    + "; expected [n, 784] or [n, 1, 28, 28]");
        }
        return images.reshape('c', images.size(0), PIXELS).castTo(DataType.FLOAT);
    }

    private static int[] permutation(int n, RandomKey key) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        var rng = key.javaRandom();
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Writes the classifier atomically (temporary file, then rename). */
    public void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        graph.save(tmp.toFile(), false);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a classifier written by {@link #save}. */
    public static MnistClassifier load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no classifier at " + file);
        }
        SameDiff sd = SameDiff.load(new File(file.toString()), false);
        if (!sd.hasVariable("features") || !sd.hasVariable("probabilities")) {
            throw new IOException(file + " is not an ebm4j MNIST classifier (no 'features'/'probabilities')");
        }
        return new MnistClassifier(sd);
    }
}
