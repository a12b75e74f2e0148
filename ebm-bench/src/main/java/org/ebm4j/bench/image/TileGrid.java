package org.ebm4j.bench.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes a batch of flat images {@code [n, h·w]} as one grayscale PNG grid of h×w tiles separated by one-pixel
 * lines, for RBM filters (columns of W) and samples.
 */
public final class TileGrid {

    private TileGrid() {
    }

    /** How tile values become gray levels. */
    public enum Scaling {
        /** values in [0, 1] map to black..white (probabilities, binary samples) */
        UNIT,
        /** each tile is scaled from its own min (black) to max (white) (filters) */
        PER_TILE
    }

    /**
     * @param tiles shape {@code [n, height·width]}
     * @param height tile height in pixels
     * @param width tile width in pixels
     * @param columns tiles per row of the grid, {@code >= 1}
     */
    public static void write(Path file, INDArray tiles, int height, int width, int columns, Scaling scaling)
            throws IOException {
        if (tiles.rank() != 2 || tiles.size(1) != (long) height * width) {
            throw new IllegalArgumentException("tiles have shape " + java.util.Arrays.toString(tiles.shape())
                    + "; expected [n, " + height * width + "] for " + height + "x" + width + " tiles");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns = " + columns + "; expected >= 1");
        }
        int n = (int) tiles.size(0);
        int rows = (n + columns - 1) / columns;
        BufferedImage image = new BufferedImage(columns * (width + 1) + 1, rows * (height + 1) + 1,
                BufferedImage.TYPE_BYTE_GRAY);
        double[][] values = tiles.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int t = 0; t < n; t++) {
            double low = 0;
            double high = 1;
            if (scaling == Scaling.PER_TILE) {
                low = Double.POSITIVE_INFINITY;
                high = Double.NEGATIVE_INFINITY;
                for (double v : values[t]) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
            double range = high > low ? high - low : 1;
            int x0 = 1 + (t % columns) * (width + 1);
            int y0 = 1 + (t / columns) * (height + 1);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double level = (values[t][y * width + x] - low) / range;
                    int gray = (int) Math.round(255 * Math.max(0, Math.min(1, level)));
                    image.getRaster().setSample(x0 + x, y0 + y, 0, gray);
                }
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            ImageIO.write(image, "png", tmp.toFile());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** @return the side of the smallest square holding {@code pixels} pixels if it is a perfect square, else -1. */
    public static int squareSide(long pixels) {
        int side = (int) Math.round(Math.sqrt(pixels));
        return (long) side * side == pixels ? side : -1;
    }
}
