package org.ebm4j.training.data;

import java.util.Locale;

/** How 8-bit pixel values p ∈ {0, …, 255} become model inputs. */
public enum PixelScale {
    /** p / 127.5 − 1 ∈ [−1, 1]: the range of the conv EBM recipe and of its U(−1, 1) fresh chains */
    SYMMETRIC,
    /** p / 255 ∈ [0, 1] */
    UNIT,
    /** 1 if p &gt; 127 else 0: binary images for RBMs */
    BINARY;

    /** @return the model input for pixel value {@code p} in [0, 255]. */
    public double apply(int p) {
        return switch (this) {
            case SYMMETRIC -> p / 127.5 - 1;
            case UNIT -> p / 255.0;
            case BINARY -> p > 127 ? 1 : 0;
        };
    }

    /** @return the scale named {@code name} (symmetric, unit, binary). */
    public static PixelScale parse(String component, String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(component + ": scale = '" + name
                    + "'; expected symmetric ([-1, 1]), unit ([0, 1]) or binary (pixel > 127 -> 1)", e);
        }
    }
}
