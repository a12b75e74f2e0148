package org.ebm4j.api.config;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Argument checks at the boundary. Every failure is an {@link IllegalArgumentException} whose message names the
 * argument, shows its value and says what was expected.
 */
public final class Checks {

    private Checks() {
    }

    /** @return {@code value} if it is finite and {@code > 0}. */
    public static double positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + "; expected a finite number > 0");
        }
        return value;
    }

    /** @return {@code value} if it is {@code >= 1}. */
    public static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " = " + value + "; expected an integer >= 1");
        }
        return value;
    }

    /** @return {@code value} if it is {@code >= 0}. */
    public static int nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " = " + value + "; expected an integer >= 0");
        }
        return value;
    }

    /** @return {@code value} if it is finite and {@code >= 0}. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + "; expected a finite number >= 0");
        }
        return value;
    }

    /** @return {@code value} if {@code low <= value <= high}. */
    public static double inRange(String name, double value, double low, double high) {
        if (!(value >= low && value <= high)) {
            throw new IllegalArgumentException(name + " = " + value + "; expected a number in [" + low + ", " + high + "]");
        }
        return value;
    }

    /** @return {@code value} if {@code low <= value <= high}. */
    public static int inRange(String name, int value, int low, int high) {
        if (value < low || value > high) {
            throw new IllegalArgumentException(name + " = " + value + "; expected an integer in [" + low + ", " + high + "]");
        }
        return value;
    }

    /** @return {@code value} if it is finite. */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + "; expected a finite number");
        }
        return value;
    }

    /**
     * Checks that {@code w} holds one entry per row of a batch of {@code n} (any shape of that length).
     *
     * @return {@code w}
     */
    public static INDArray perRow(String name, INDArray w, long n) {
        if (w == null || w.length() != n) {
            throw new IllegalArgumentException(name + " has shape " + (w == null ? "null" : Arrays.toString(w.shape()))
                    + "; expected [" + n + "]");
        }
        return w;
    }

    /**
     * Checks that {@code x} is a non-empty batch {@code [n, ...sampleShape]}.
     *
     * @return {@code x}
     */
    public static INDArray batch(String name, INDArray x, long[] sampleShape) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is null; expected a batch of shape " + batchShape(sampleShape));
        }
        long[] shape = x.shape();
        boolean ok = shape.length == sampleShape.length + 1 && shape[0] >= 1;
        for (int i = 0; ok && i < sampleShape.length; i++) {
            ok = shape[i + 1] == sampleShape[i];
        }
        if (!ok) {
            throw new IllegalArgumentException(name + " has shape " + Arrays.toString(shape) + "; expected "
                    + batchShape(sampleShape));
        }
        return x;
    }

    /**
     * Checks that every entry of {@code x} is finite.
     *
     * @return {@code x}
     */
    public static INDArray finite(String name, INDArray x) {
        if (x.isEmpty()) {
            return x;
        }
        // A finite sum implies finite entries (NaN and ±Inf propagate through addition): one reduction instead of
        // the four below, which run only when the sum is not finite (a bad entry, or an overflowing sum).
        if (Double.isFinite(x.sumNumber().doubleValue())) {
            return x;
        }
        // isNaN/isInfinite ops reduce on the native side without copying the array to the JVM.
        boolean nan = x.isNaN().any();
        boolean inf = x.isInfinite().any();
        if (nan || inf) {
            throw new IllegalArgumentException(name + " of shape " + Arrays.toString(x.shape()) + " contains "
                    + (nan ? "NaN" : "") + (nan && inf ? " and " : "") + (inf ? "Inf" : "")
                    + " entries; expected finite values");
        }
        return x;
    }

    /** @return "[n, d1, d2]" for a sample shape {@code [d1, d2]}. */
    public static String batchShape(long[] sampleShape) {
        StringBuilder s = new StringBuilder("[n");
        for (long d : sampleShape) {
            s.append(", ").append(d);
        }
        return s.append("]").toString();
    }
}
