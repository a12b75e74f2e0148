package org.ebm4j.sampling.chains;

import static org.assertj.core.api.Assertions.assertThat;

import org.ebm4j.api.random.RandomKey;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ChainArraysTest {

    /**
     * Mean, variance and a tail fraction of N(0, σ²) draws within 5 standard errors, for the Java path (dense FLOAT
     * and DOUBLE, more than one chunk) and libnd4j's (a view); the same key gives the same draws.
     */
    @Test
    void gaussianFillsHaveTheRightMomentsAndAreReproducible() {
        double std = 0.25;
        java.util.List<java.util.function.Supplier<INDArray>> targets = java.util.List.of(
            () -> Nd4j.create(DataType.FLOAT, 300, 1, 10, 10),
            () -> Nd4j.create(DataType.DOUBLE, 300, 100),
            () -> Nd4j.create(DataType.FLOAT, 400, 200).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 200)));
        for (var target : targets) {
            INDArray out = target.get();
            ChainArrays.fillGaussian(out, std, RandomKey.of(3));
            double[] v = out.castTo(DataType.DOUBLE).data().asDouble();
            if (out.isView()) {
                v = out.dup().castTo(DataType.DOUBLE).data().asDouble();
            }
            int n = v.length;
            double mean = 0;
            double sq = 0;
            int beyond = 0;
            for (double x : v) {
                mean += x / n;
                sq += x * x / n;
                beyond += Math.abs(x) > 2 * std ? 1 : 0;
            }
            double var = std * std;
            assertThat(Math.abs(mean)).as("mean of " + out.dataType()).isLessThan(5 * std / Math.sqrt(n));
            // Var(x²) = 2σ⁴ for a Gaussian
            assertThat(Math.abs(sq - var)).as("second moment").isLessThan(5 * Math.sqrt(2.0 / n) * var);
            double p = 0.04550026;  // P(|Z| > 2)
            assertThat(Math.abs((double) beyond / n - p)).as("tail").isLessThan(5 * Math.sqrt(p * (1 - p) / n));
            INDArray again = target.get();
            ChainArrays.fillGaussian(again, std, RandomKey.of(3));
            assertThat(again).isEqualTo(out.dup());
            ChainArrays.fillGaussian(again, std, RandomKey.of(4));
            assertThat(again).isNotEqualTo(out.dup());
        }
    }
}
