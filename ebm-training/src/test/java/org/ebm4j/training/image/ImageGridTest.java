package org.ebm4j.training.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ImageGridTest {

    @TempDir
    Path dir;

    static int gray(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFF;
    }

    @Test
    void tilesMapMinusOneToBlackAndOneToWhiteWithGaps() throws Exception {
        INDArray x = Nd4j.create(DataType.FLOAT, 3, 1, 2, 2);
        x.slice(0).assign(-1);
        x.slice(1).assign(0);
        x.slice(2).assign(1);
        Path file = ImageGrid.writePng(x, 2, dir.resolve("sub/grid.png"));
        BufferedImage image = ImageIO.read(file.toFile());
        int g = ImageGrid.GAP;
        assertThat(image.getWidth()).isEqualTo(2 * 2 + 3 * g);
        assertThat(image.getHeight()).isEqualTo(2 * 2 + 3 * g);
        assertThat(gray(image, g, g)).isZero();
        assertThat(gray(image, g + 2 + g + 1, g + 1)).isEqualTo(128);
        assertThat(gray(image, g, g + 2 + g)).isEqualTo(255);
        assertThat(gray(image, 0, 0)).isEqualTo(64); // gap
        assertThat(gray(image, g + 2 + g, g + 2 + g)).isEqualTo(64); // the empty fourth cell
    }

    @Test
    void acceptsRgbRankThreeAndSquareFlatBatches() {
        INDArray rgb = Nd4j.create(new float[] {1, -1, 0}, new long[] {1, 3, 1, 1}, 'c');
        BufferedImage image = ImageGrid.tile(rgb, 1, -1, 1);
        assertThat(image.getRGB(ImageGrid.GAP, ImageGrid.GAP) & 0xFFFFFF).isEqualTo(0xFF0080);
        assertThat(ImageGrid.asImages(Nd4j.zeros(5, 3, 4)).shape()).containsExactly(5, 1, 3, 4);
        assertThat(ImageGrid.asImages(Nd4j.zeros(5, 784)).shape()).containsExactly(5, 1, 28, 28);
        assertThatThrownBy(() -> ImageGrid.asImages(Nd4j.zeros(5, 7))).hasMessageContaining("shape [5, 7]");
        assertThatThrownBy(() -> ImageGrid.tile(rgb, 0, -1, 1)).hasMessage("columns = 0; expected an integer >= 1");
    }

    @Test
    void stripShowsChainsAcrossStepsAndGifLoopsWithItsDelay() throws Exception {
        List<INDArray> trajectory = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            trajectory.add(Nd4j.zeros(DataType.FLOAT, 4, 1, 2, 2).addi(-1 + 0.5 * t));
        }
        int[] steps = ChainAnimation.evenlySpaced(5, 3);
        assertThat(steps).containsExactly(0, 2, 4);
        assertThat(ChainAnimation.evenlySpaced(100, 1)).containsExactly(99);
        BufferedImage strip = ChainAnimation.strip(trajectory, 2, steps);
        int g = ImageGrid.GAP;
        assertThat(strip.getWidth()).isEqualTo(3 * 2 + 4 * g);
        assertThat(strip.getHeight()).isEqualTo(2 * 2 + 3 * g);
        assertThat(gray(strip, g, g)).isZero(); // step 0: -1
        assertThat(gray(strip, g + 2 * (2 + g), g)).isEqualTo(255); // step 4: +1

        List<BufferedImage> frames = new ArrayList<>();
        for (INDArray x : trajectory) {
            frames.add(ImageGrid.tile(x, 2, -1, 1));
        }
        Path gif = ChainAnimation.writeGif(frames, 50, dir.resolve("chain.gif"));
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(5);
            IIOMetadataNode first = (IIOMetadataNode) reader.getImageMetadata(0)
                    .getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode control = (IIOMetadataNode) first.getElementsByTagName("GraphicControlExtension").item(0);
            assertThat(control.getAttribute("delayTime")).isEqualTo("5");
            IIOMetadataNode app = (IIOMetadataNode) first.getElementsByTagName("ApplicationExtension").item(0);
            assertThat(app.getAttribute("applicationID")).isEqualTo("NETSCAPE");
            assertThat(gray(reader.read(4), g, g)).isEqualTo(255);
        } finally {
            reader.dispose();
        }
    }
}
