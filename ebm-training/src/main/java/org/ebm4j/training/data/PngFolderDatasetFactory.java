package org.ebm4j.training.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.data.DatasetFactory;

/**
 * Opens a folder of PNG files (sorted by file name) as grayscale images of one size. Colour images are converted to
 * luminance. Keys: {@code dir} (required), {@code height} and {@code width} (default: the first image's size),
 * {@code resize} (false: an image of another size is an error naming it; true: it is resized, bilinear),
 * and the common {@code limit}, {@code scale}, {@code flatten}, {@code dtype}. There are no labels.
 */
public final class PngFolderDatasetFactory implements DatasetFactory {

    @Override
    public String description() {
        return "a folder of PNG images, converted to grayscale, all of one size (or resized with resize=true)";
    }

    @Override
    public Dataset open(ComponentConfig config) throws IOException {
        Set<String> keys = new HashSet<>(ImageOptions.KEYS);
        keys.addAll(List.of("dir", "height", "width", "resize"));
        keys.remove("digits");
        config.requireOnly(keys);
        ImageOptions options = ImageOptions.parse(config);
        if (!config.has("dir")) {
            throw new IllegalArgumentException(config.component() + ": dir is not set; expected dir=FOLDER_OF_PNGS");
        }
        Path dir = Path.of(config.getString("dir", ""));
        if (!Files.isDirectory(dir)) {
            throw new IOException("PNG folder " + dir.toAbsolutePath() + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                    .sorted().toList();
        }
        if (options.limit() > 0 && files.size() > options.limit()) {
            files = files.subList(0, options.limit());
        }
        if (files.isEmpty()) {
            throw new IOException("PNG folder " + dir.toAbsolutePath() + " has no .png files");
        }
        boolean resize = config.getBoolean("resize", false);
        int height = -1;
        int width = -1;
        if (config.has("height") || config.has("width")) {
            height = config.getPositiveInt("height", 28);
            width = config.getPositiveInt("width", 28);
        }
        List<byte[]> images = new ArrayList<>(files.size());
        for (Path file : files) {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IOException("PNG file " + file + " cannot be decoded (corrupt or not a PNG)");
            }
            if (height < 0) {
                height = image.getHeight();
                width = image.getWidth();
            }
            if (image.getHeight() != height || image.getWidth() != width) {
                if (!resize) {
                    throw new IOException("PNG file " + file + " is " + image.getWidth() + "x" + image.getHeight()
                            + "; expected " + width + "x" + height + " like the others (or set resize=true)");
                }
                image = resized(image, width, height);
            }
            images.add(gray(image));
        }
        int d = height * width;
        byte[] pixels = new byte[images.size() * d];
        int[] selected = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, pixels, i * d, d);
            selected[i] = i;
        }
        return new InMemoryDataset("png-folder/" + dir.getFileName(), options.features(pixels, selected, height, width),
                null);
    }

    private static BufferedImage resized(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    /** Luminance Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601), rounded; alpha is composited on black. */
    private static byte[] gray(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h];
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            // getRGB would convert the linear gray colour space to sRGB and change the values; read them raw
            image.getRaster().getDataElements(0, 0, w, h, out);
            return out;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                double a = ((argb >>> 24) & 0xFF) / 255.0;
                double lum = 0.299 * ((argb >> 16) & 0xFF) + 0.587 * ((argb >> 8) & 0xFF) + 0.114 * (argb & 0xFF);
                out[y * w + x] = (byte) Math.round(Math.min(255, lum * a));
            }
        }
        return out;
    }
}
