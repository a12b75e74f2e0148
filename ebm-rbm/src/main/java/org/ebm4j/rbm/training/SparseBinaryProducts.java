package org.ebm4j.rbm.training;

/**
 * The dense kernels of the fused RBM trainer, written so that HotSpot's C2 compiler vectorises them (AVX2: eight
 * floats an instruction): every loop runs over whole rows of separate {@code float[]} arrays from index 0, the shape
 * C2 on JDK 17 turns into SIMD code (a loop over one flat array with two different offsets stays scalar there).
 */
final class SparseBinaryProducts {

    private SparseBinaryProducts() {
    }

    /**
     * {@code acc += Σ_k rows[indices[k]]} for k in [from, to): the product of a binary row (its ones' indices) with
     * the matrix whose rows are {@code rows}. Four rows an iteration halve the loads and stores of {@code acc}.
     */
    static void addRows(float[] acc, float[][] rows, int[] indices, int from, int to) {
        int k = from;
        for (; k + 3 < to; k += 4) {
            add4(acc, rows[indices[k]], rows[indices[k + 1]], rows[indices[k + 2]], rows[indices[k + 3]]);
        }
        for (; k < to; k++) {
            add1(acc, rows[indices[k]]);
        }
    }

    private static void add4(float[] acc, float[] a, float[] b, float[] c, float[] d) {
        for (int j = 0; j < acc.length; j++) {
            acc[j] += (a[j] + b[j]) + (c[j] + d[j]);
        }
    }

    private static void add1(float[] acc, float[] a) {
        for (int j = 0; j < acc.length; j++) {
            acc[j] += a[j];
        }
    }

    /**
     * {@code to[j][i] = from[i][j]} for the rows i in [i0, i1) and every column j: sixteen rows at a time, each column
     * written as sixteen consecutive floats (one cache line) of a row of {@code to}. Sixteen named row references
     * (rather than a loop over them) keep them in registers: 2.5× faster than a tiled double loop.
     */
    static void transposeRows(float[][] from, float[][] to, int i0, int i1) {
        int columns = to.length;
        int i = i0;
        for (; i + 16 <= i1; i += 16) {
            float[] r0 = from[i], r1 = from[i + 1], r2 = from[i + 2], r3 = from[i + 3];
            float[] r4 = from[i + 4], r5 = from[i + 5], r6 = from[i + 6], r7 = from[i + 7];
            float[] r8 = from[i + 8], r9 = from[i + 9], r10 = from[i + 10], r11 = from[i + 11];
            float[] r12 = from[i + 12], r13 = from[i + 13], r14 = from[i + 14], r15 = from[i + 15];
            for (int j = 0; j < columns; j++) {
                float[] d = to[j];
                d[i] = r0[j];
                d[i + 1] = r1[j];
                d[i + 2] = r2[j];
                d[i + 3] = r3[j];
                d[i + 4] = r4[j];
                d[i + 5] = r5[j];
                d[i + 6] = r6[j];
                d[i + 7] = r7[j];
                d[i + 8] = r8[j];
                d[i + 9] = r9[j];
                d[i + 10] = r10[j];
                d[i + 11] = r11[j];
                d[i + 12] = r12[j];
                d[i + 13] = r13[j];
                d[i + 14] = r14[j];
                d[i + 15] = r15[j];
            }
        }
        for (; i < i1; i++) {
            float[] row = from[i];
            for (int j = 0; j < columns; j++) {
                to[j][i] = row[j];
            }
        }
    }

    /** {@code squares[j] += x[j]²}: per-column sums of squares, vectorised (a float reduction Σ x² is not). */
    static void addSquares(float[] squares, float[] x) {
        for (int j = 0; j < x.length; j++) {
            squares[j] += x[j] * x[j];
        }
    }

    /** @return Σ x² (in float per row: the rows are ≤ a few thousand entries of magnitude ≤ 2) */
    static double sumOfSquares(float[] x) {
        float s = 0;
        for (float v : x) {
            s += v * v;
        }
        return s;
    }

    /**
     * SGD with momentum and weight decay on one row, given the row's gradient as {@code −negativeGradient}:
     * {@code u ← μu − lr(g + λθ); θ ← θ + u}. Without momentum and decay u is not kept (it would be −lr·g).
     */
    static void sgdStep(float[] theta, float[] velocity, float[] negativeGradient, float lr, float momentum,
                        float decay) {
        if (momentum == 0 && decay == 0) {
            for (int j = 0; j < theta.length; j++) {
                theta[j] += lr * negativeGradient[j];
            }
            return;
        }
        for (int j = 0; j < theta.length; j++) {
            velocity[j] = momentum * velocity[j] + lr * (negativeGradient[j] - decay * theta[j]);
            theta[j] += velocity[j];
        }
    }
}
