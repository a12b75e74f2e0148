package org.ebm4j.rbm.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogisticKernelsTest {

    /**
     * The squeeze is exact: the draw is "u &lt; σ(a)" (σ in double) for every pair, also for the float uniforms right
     * at σ(a) and next to it, near the squeeze's edges, far out, and for non-finite a.
     */
    @Test
    void drawIsExactlyUniformBelowSigmoid() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 1_000;
        float[] pre = new float[n];
        float[] u = new float[n];
        int[] ones = new int[n];
        float[] approx = new float[n];
        for (int round = 0; round < 2_000; round++) {
            for (int j = 0; j < n; j++) {
                int t = round * n + j;
                double scale = t % 3 == 0 ? 4 : t % 3 == 1 ? 30 : 1e4;
                pre[j] = (float) ((rng.nextDouble() * 2 - 1) * scale);
                float sigma = (float) LogisticKernels.sigmoid(pre[j]);
                u[j] = switch (t % 6) {
                    case 0 -> (rng.nextLong() >>> 40) * 0x1p-24f;
                    case 1 -> Math.nextDown(sigma);
                    case 2 -> sigma;
                    case 3 -> Math.nextUp(sigma);
                    case 4 -> sigma + 0x1p-10f; // the squeeze's edges
                    default -> sigma - 0x1p-10f;
                };
                u[j] = Math.min(Math.max(u[j], 0f), Math.nextDown(1f));
            }
            if (round == 0) {
                pre[0] = Float.NaN;
                pre[1] = Float.POSITIVE_INFINITY;
                u[1] = Math.nextDown(1f);
                pre[2] = Float.NEGATIVE_INFINITY;
                u[2] = 0f;
            }
            boolean[] drawn = new boolean[n];
            int count = LogisticKernels.draw(pre, u, ones, approx);
            for (int k = 0; k < count; k++) {
                drawn[ones[k]] = true;
            }
            for (int j = 0; j < n; j++) {
                boolean expected = u[j] < LogisticKernels.sigmoid(pre[j]);
                assertThat(drawn[j]).as("a = %s, u = %s", pre[j], u[j]).isEqualTo(expected);
            }
        }
    }

    /** σ̂ stays within the bound its Javadoc derives (which the squeeze's width exceeds 80 times). */
    @Test
    void approximateSigmoidIsWithinItsBound() {
        int n = 2_000_001;
        float[] pre = new float[n];
        for (int j = 0; j < n; j++) {
            pre[j] = -20f + j * (40f / (n - 1));
        }
        float[] approx = new float[n];
        LogisticKernels.approximateSigmoids(pre, n, approx);
        double worst = 0;
        for (int j = 0; j < n; j++) {
            worst = Math.max(worst, Math.abs(approx[j] - LogisticKernels.sigmoid(pre[j])));
        }
        assertThat(worst).isLessThan(1.2e-5);
    }

    /** With the trainer's float uniforms, each unit is 1 with frequency σ(a) within 5 standard errors. */
    @Test
    void drawFrequenciesMatchTheSigmoid() {
        float[] pre = {-20f, -6f, -2.5f, -0.3f, 0f, 0.01f, 1f, 3.3f, 9f, 20f};
        int n = 200_000;
        long[] ones = new long[pre.length];
        float[] uniforms = new float[pre.length];
        int[] indices = new int[pre.length];
        SplittableRandom rng = new SplittableRandom(7);
        for (int t = 0; t < n; t++) {
            LogisticKernels.fillUniforms(rng, uniforms, pre.length);
            int count = LogisticKernels.draw(pre, uniforms, indices, new float[pre.length]);
            for (int k = 0; k < count; k++) {
                ones[indices[k]]++;
            }
        }
        for (int j = 0; j < pre.length; j++) {
            double p = LogisticKernels.sigmoid(pre[j]);
            double se = Math.sqrt(p * (1 - p) / n);
            assertThat((double) ones[j] / n).as("a = %s", pre[j]).isCloseTo(p, within(5 * se + 1e-7));
        }
    }

    @Test
    void uniformsAreOnTheFloatGridAndUniform() {
        float[] u = new float[100_001];
        LogisticKernels.fillUniforms(new SplittableRandom(3), u, u.length);
        double sum = 0;
        for (float x : u) {
            assertThat(x).isBetween(0f, Math.nextDown(1f));
            assertThat(x * 0x1p24f).isEqualTo((float) Math.rint(x * 0x1p24f));
            sum += x;
        }
        // mean of U[0, 1): 1/2 with standard error sqrt(1/12 / n)
        assertThat(sum / u.length).isCloseTo(0.5, within(5 * Math.sqrt(1.0 / 12 / u.length)));
    }

    @Test
    void meansAndSoftplusAgreeWithTheirDefinitions() {
        SplittableRandom rng = new SplittableRandom(5);
        // 1,100 units: two blocks of the softplus product, an odd count, |a| up to 200 (beyond the clamp at 40)
        float[] pre = new float[1_101];
        for (int j = 0; j < pre.length; j++) {
            pre[j] = (float) ((rng.nextDouble() * 2 - 1) * (j % 2 == 0 ? 8 : 200));
        }
        float[] out = new float[pre.length];
        double softplus = LogisticKernels.weightedMeansAndSoftplus(pre, -0.25f, out, new double[pre.length],
                new double[pre.length]);
        double expected = 0;
        for (int j = 0; j < pre.length; j++) {
            double a = pre[j];
            expected += Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a)));
            double sigma = 1 / (1 + Math.exp(-a));
            // float rounding of the output: half an ulp of 0.25 σ
            assertThat(out[j]).as("a = %s", a).isCloseTo((float) (-0.25 * sigma), within(Math.ulp(0.25f)));
        }
        assertThat(softplus).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
        pre[7] = Float.NaN;
        assertThat(LogisticKernels.weightedMeansAndSoftplus(pre, 1f, out, new double[pre.length],
                new double[pre.length])).isNaN();
    }

    @Test
    void polynomialSigmoidIsAccurateToTheClamp() {
        double[] a = new double[160_001];
        for (int j = 0; j < a.length; j++) {
            a[j] = -40 + j * (80.0 / (a.length - 1));
        }
        double[] sigma = new double[a.length];
        LogisticKernels.sigmoids(a, a.length, sigma);
        double worst = 0;
        double worstInner = 0;
        for (int j = 0; j < a.length; j++) {
            double exact = 1 / (1 + Math.exp(-a[j]));
            double relative = Math.abs(sigma[j] / exact - 1);
            worst = Math.max(worst, relative);
            if (Math.abs(a[j]) <= 10) {
                worstInner = Math.max(worstInner, relative);
            }
        }
        assertThat(worst).isLessThan(2e-12);
        assertThat(worstInner).isLessThan(5e-14);
        double[] beyond = {-1e4, 1e4, Double.NaN};
        double[] s = new double[3];
        LogisticKernels.sigmoids(beyond, 3, s);
        assertThat(s[0]).isLessThan(5e-18).isPositive();
        assertThat(s[1]).isEqualTo(1.0);
        assertThat(s[2]).isNaN();
    }

    @Test
    void rowSumsAndTransposeMatchTheirDefinitions() {
        SplittableRandom rng = new SplittableRandom(2);
        float[][] m = new float[37][23];
        for (float[] row : m) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        int[] selected = {0, 3, 4, 9, 17, 18, 30, 36};
        float[] acc = new float[23];
        acc[5] = 1f;
        SparseBinaryProducts.addRows(acc, m, selected, 1, selected.length);
        for (int j = 0; j < 23; j++) {
            double expected = j == 5 ? 1 : 0;
            for (int k = 1; k < selected.length; k++) {
                expected += m[selected[k]][j];
            }
            assertThat((double) acc[j]).isCloseTo(expected, within(1e-5));
        }
        float[][] t = new float[23][37];
        SparseBinaryProducts.transposeRows(m, t, 0, 20);
        SparseBinaryProducts.transposeRows(m, t, 20, 37);
        for (int i = 0; i < 37; i++) {
            for (int j = 0; j < 23; j++) {
                assertThat(t[j][i]).isEqualTo(m[i][j]);
            }
        }
    }
}
