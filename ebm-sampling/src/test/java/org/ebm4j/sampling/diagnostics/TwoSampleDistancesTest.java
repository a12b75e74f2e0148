package org.ebm4j.sampling.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.ebm4j.api.random.RandomKey;
import org.junit.jupiter.api.Test;

class TwoSampleDistancesTest {

    static double[][] gaussian(int n, double shiftX, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] out = new double[n][2];
        for (double[] p : out) {
            p[0] = random.nextGaussian() + shiftX;
            p[1] = random.nextGaussian();
        }
        return out;
    }

    @Test
    void mmdSeparatesAShiftedSampleFromTheSameLaw() {
        double same = Mmd.squared(gaussian(500, 0, 1), gaussian(500, 0, 2));
        double shifted = Mmd.squared(gaussian(500, 0, 1), gaussian(500, 0.5, 3));
        assertThat(same).isGreaterThanOrEqualTo(0).isLessThan(0.01);
        assertThat(shifted).isGreaterThan(5 * same);
    }

    @Test
    void medianHeuristicOfStandardNormalIsAboutItsMedianDistance() {
        // The distance between two independent N(0, I₂) points is √2 times a Rayleigh variable: median √2·√(2 ln 2).
        double h = Mmd.medianBandwidth(gaussian(1000, 0, 4), gaussian(1000, 0, 5));
        assertThat(h).isCloseTo(Math.sqrt(2) * Math.sqrt(2 * Math.log(2)), within(0.05));
    }

    @Test
    void slicedWassersteinOfAShiftIsItsLengthOverRootDimension() {
        // A shift s: along θ the 1-D W₂ is |θ·s|, and E[(θ·s)²] = ‖s‖²/d over uniform directions.
        double sw = SlicedWasserstein.distance(gaussian(4000, 0, 6), gaussian(4000, 1.0, 7), 256, RandomKey.of(1));
        assertThat(sw).isCloseTo(1 / Math.sqrt(2), within(0.06));
        double same = SlicedWasserstein.distance(gaussian(4000, 0, 8), gaussian(4000, 0, 9), 64, RandomKey.of(1));
        assertThat(same).isLessThan(0.06);
    }

    @Test
    void oneDimensionalW2HandlesUnequalSizes() {
        assertThat(SlicedWasserstein.wasserstein2Squared(new double[] {0, 1}, new double[] {0, 0, 1, 1}))
                .isCloseTo(0, within(1e-15));
        assertThat(SlicedWasserstein.wasserstein2Squared(new double[] {0}, new double[] {1, 3}))
                .isCloseTo(5, within(1e-15));
    }
}
