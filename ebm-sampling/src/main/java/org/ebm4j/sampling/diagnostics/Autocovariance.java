package org.ebm4j.sampling.diagnostics;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/** Autocovariance of one chain by FFT (Wiener–Khinchin), O(n log n). */
public final class Autocovariance {

    private static final FastFourierTransformer FFT = new FastFourierTransformer(DftNormalization.STANDARD);

    private Autocovariance() {
    }

    /**
     * @param chain draws x₀ … x_{n−1}, n ≥ 1
     * @return the biased autocovariances γ_t = (1/n) Σ_{i<n−t} (x_i − x̄)(x_{i+t} − x̄), t = 0 … n−1 (γ₀ is the
     *     variance with divisor n); the chain is zero-padded to a power of two ≥ 2n, so the result is not circular
     */
    public static double[] of(double[] chain) {
        int n = chain.length;
        if (n == 0) {
            throw new IllegalArgumentException("chain has length 0; expected at least one draw");
        }
        double mean = 0;
        for (double v : chain) {
            mean += v;
        }
        mean /= n;
        int size = Integer.highestOneBit(Math.max(1, 2 * n - 1));
        if (size < 2 * n) {
            size <<= 1;
        }
        double[] padded = new double[size];
        for (int i = 0; i < n; i++) {
            padded[i] = chain[i] - mean;
        }
        Complex[] spectrum = FFT.transform(padded, TransformType.FORWARD);
        double[] power = new double[size];
        for (int k = 0; k < size; k++) {
            double re = spectrum[k].getReal();
            double im = spectrum[k].getImaginary();
            power[k] = re * re + im * im;
        }
        Complex[] back = FFT.transform(power, TransformType.INVERSE);
        double[] acov = new double[n];
        for (int t = 0; t < n; t++) {
            acov[t] = back[t].getReal() / n;
        }
        return acov;
    }
}
