package org.ebm4j.training.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.ebm4j.api.config.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Tiles a batch of images into one picture: {@code [n, c, h, w]} (c = 1 gray or 3 RGB), {@code [n, h, w]}, or flat
 * {@code [n, d]} with d a perfect square (RBM samples), values in [low, high] (default [−1, 1], the recipe's range)
 * mapped linearly to 0…255 and clipped. Tiles are separated by a {@value #GAP}-pixel dark-gray gap.
 */
public final class ImageGrid {

    /** Pixels between tiles. */
    public static final int GAP = 2;
    private static final int GAP_GRAY = 64;

    private ImageGrid() {
    }

    /** @return {@code images} as {@code [n, c, h, w]}, reshaping rank 3 and square flat batches. */
    public static INDArray asImages(INDArray images) {
        if (images == null) {
            throw new IllegalArgumentException("images is null; expected [n, c, h, w]");
        }
        long[] s = images.shape();
        if (s.length == 4 && (s[1] == 1 || s[1] == 3)) {
            return images;
        }
        if (s.length == 3) {
            return images.reshape(s[0], 1, s[1], s[2]);
        }
        if (s.length == 2) {
            long side = Math.round(Math.sqrt(s[1]));
            if (side * side == s[1]) {
                return images.reshape(s[0], 1, side, side);
            }
        }
        throw new IllegalArgumentException("images have shape " + Arrays.toString(s)
                + "; expected [n, 1 or 3, h, w], [n, h, w] or [n, d] with d a perfect square");
    }

    /**
     * @param images a batch (see the class comment); the first {@code rows · columns} are drawn
     * @param columns tiles per row, {@code >= 1}
     * @param low value drawn black
     * @param high value drawn white
     */
    public static BufferedImage tile(INDArray images, int columns, double low, double high) {
        Checks.positive("columns", columns);
        if (!(high > low)) {
            throw new IllegalArgumentException("range [" + low + ", " + high + "]; expected low < high");
        }
        INDArray x = asImages(images);
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        int width = cols * w + (cols + 1) * GAP;
        int height = rows * h + (rows + 1) * GAP;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int gap = GAP_GRAY * 0x010101;
        for (int y = 0; y < height; y++) {
            for (int xx = 0; xx < width; xx++) {
                out.setRGB(xx, y, gap);
            }
        }
        double[] v = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double scale = 255.0 / (high - low);
        for (int i = 0; i < n; i++) {
            int left = GAP + (i % cols) * (w + GAP);
            int top = GAP + (i / cols) * (h + GAP);
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    int rgb = 0;
                    for (int ch = 0; ch < 3; ch++) {
                        int plane = c == 1 ? 0 : ch;
                        double value = v[((i * c + plane) * h + y) * w + xx];
                        int byteValue = Double.isFinite(value)
                                ? (int) Math.round(Math.max(0, Math.min(255, (value - low) * scale))) : 0;
                        rgb = (rgb << 8) | byteValue;
                    }
                    out.setRGB(left + xx, top + y, rgb);
                }
            }
        }
        return out;
    }

    /** Writes {@link #tile} of {@code images} in [−1, 1] as a PNG, {@code columns} per row. */
    public static Path writePng(INDArray images, int columns, Path file) throws IOException {
        return writePng(tile(images, columns, -1, 1), file);
    }

    /** Writes a picture as a PNG, creating parent directories. */
    public static Path writePng(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
        return file;
    }

    /** @return ⌈√n⌉, the column count of a square-ish grid of {@code n} tiles. */
    public static int squareColumns(long n) {
        return (int) Math.max(1, Math.ceil(Math.sqrt(n)));
    }
}
