package org.ebm4j.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class PngFolderDatasetFactoryTest {

    @TempDir
    Path dir;

    static Dataset open(Map<String, ?> values) throws IOException {
        return new PngFolderDatasetFactory().open(ComponentConfig.of("dataset 'png-folder'", values));
    }

    static void gray(Path file, int w, int h, int value) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.getRaster().setSample(x, y, 0, (value + x + y) & 0xFF);
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    @Test
    void readsGrayAndColourImagesSortedByName() throws Exception {
        gray(dir.resolve("a.png"), 4, 3, 0);
        gray(dir.resolve("b.png"), 4, 3, 250);
        BufferedImage red = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        red.setRGB(0, 0, 0xFF0000);
        ImageIO.write(red, "png", dir.resolve("c.png").toFile());
        Files.writeString(dir.resolve("notes.txt"), "ignored");

        Dataset d = open(Map.of("dir", dir, "scale", "unit", "dtype", "double"));
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.sampleShape()).containsExactly(1, 3, 4);
        INDArray x = d.features(new int[] {0, 1, 2});
        assertThat(x.getDouble(0, 0, 2, 3)).isEqualTo(5 / 255.0); // a.png: 0 + x + y
        assertThat(x.getDouble(1, 0, 0, 0)).isEqualTo(250 / 255.0);
        assertThat(x.getDouble(2, 0, 0, 0)).isEqualTo(Math.round(0.299 * 255) / 255.0); // luminance of pure red
        assertThat(open(Map.of("dir", dir, "limit", 2, "flatten", true)).sampleShape()).containsExactly(12);
    }

    @Test
    void anImageOfAnotherSizeFailsUnlessResized() throws Exception {
        gray(dir.resolve("a.png"), 4, 4, 0);
        gray(dir.resolve("b.png"), 8, 8, 0);
        assertThatThrownBy(() -> open(Map.of("dir", dir))).isInstanceOf(IOException.class)
                .hasMessageContaining("b.png is 8x8; expected 4x4");
        Dataset d = open(Map.of("dir", dir, "resize", true, "height", 6, "width", 6));
        assertThat(d.sampleShape()).containsExactly(1, 6, 6);
        Files.writeString(dir.resolve("c.png"), "not a png");
        assertThatThrownBy(() -> open(Map.of("dir", dir, "resize", true))).isInstanceOf(IOException.class)
                .hasMessageContaining("c.png cannot be decoded");
        assertThatThrownBy(() -> open(Map.of("dir", dir.resolve("missing")))).isInstanceOf(IOException.class)
                .hasMessageContaining("does not exist");
    }
}
