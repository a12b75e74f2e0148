package org.ebm4j.training.data;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.ebm4j.api.config.ComponentConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The options every image dataset shares, read from a {@link ComponentConfig}.
 *
 * @param limit keep at most this many images (the first ones that pass the label filter); 0 keeps all
 * @param labelFilter keep only images whose label is in this set; empty keeps all
 * @param scale how pixels become inputs
 * @param flatten samples of shape {@code [h·w]} instead of {@code [1, h, w]} (RBMs want flat vectors)
 * @param dataType element type of the feature array
 */
public record ImageOptions(int limit, Set<Integer> labelFilter, PixelScale scale, boolean flatten,
                           DataType dataType) {

    /** The keys {@link #parse} reads. */
    public static final Set<String> KEYS = Set.of("limit", "digits", "scale", "flatten", "dtype");

    public ImageOptions {
        labelFilter = Set.copyOf(labelFilter);
    }

    /** Reads {@code limit}, {@code digits} (comma-separated labels), {@code scale}, {@code flatten}, {@code dtype}. */
    public static ImageOptions parse(ComponentConfig config) {
        int limit = config.getNonNegativeInt("limit", 0);
        Set<Integer> digits = new TreeSet<>();
        String text = config.getString("digits", "").trim();
        if (!text.isEmpty()) {
            for (String part : text.split("[,\\s]+")) {
                try {
                    digits.add(Integer.parseInt(part));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(config.component() + ": digits = '" + text
                            + "'; expected comma-separated labels such as 0,1,7");
                }
            }
        }
        PixelScale scale = PixelScale.parse(config.component(), config.getString("scale", "symmetric"));
        String dtype = config.getString("dtype", "float").toLowerCase(Locale.ROOT);
        DataType dataType = switch (dtype) {
            case "float", "float32" -> DataType.FLOAT;
            case "double", "float64" -> DataType.DOUBLE;
            default -> throw new IllegalArgumentException(config.component() + ": dtype = '" + dtype
                    + "'; expected float or double");
        };
        return new ImageOptions(limit, digits, scale, config.getBoolean("flatten", false), dataType);
    }

    /** @return whether an image with {@code label} passes the filter. */
    public boolean accepts(int label) {
        return labelFilter.isEmpty() || labelFilter.contains(label);
    }

    /** @return the sample shape of an {@code h × w} grayscale image. */
    public long[] sampleShape(int height, int width) {
        return flatten ? new long[] {(long) height * width} : new long[] {1, height, width};
    }

    /**
     * Scales selected 8-bit images into a feature array.
     *
     * @param pixels all images, {@code itemLength} unsigned bytes each
     * @param selected which images, in order
     * @return shape {@code [selected.length, ...sampleShape(height, width)]}
     */
    public org.nd4j.linalg.api.ndarray.INDArray features(byte[] pixels, int[] selected, int height, int width) {
        int d = height * width;
        double[] lookup = new double[256];
        for (int p = 0; p < 256; p++) {
            lookup[p] = scale.apply(p);
        }
        long[] sample = sampleShape(height, width);
        long[] shape = new long[sample.length + 1];
        shape[0] = selected.length;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        if (dataType == DataType.DOUBLE) {
            double[] out = new double[selected.length * d];
            for (int i = 0; i < selected.length; i++) {
                int from = selected[i] * d;
                for (int j = 0; j < d; j++) {
                    out[i * d + j] = lookup[pixels[from + j] & 0xFF];
                }
            }
            return Nd4j.create(out, shape, DataType.DOUBLE);
        }
        float[] out = new float[selected.length * d];
        for (int i = 0; i < selected.length; i++) {
            int from = selected[i] * d;
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) lookup[pixels[from + j] & 0xFF];
            }
        }
        return Nd4j.create(out, shape, 'c');
    }
}
