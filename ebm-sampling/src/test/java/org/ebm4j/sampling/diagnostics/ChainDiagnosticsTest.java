package org.ebm4j.sampling.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChainDiagnosticsTest {

    /** Stationary AR(1) chains x_t = ρ x_{t−1} + √(1 − ρ²) ε_t, unit marginal variance. */
    static double[][] ar1(int chains, int n, double rho, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] draws = new double[chains][n];
        double innovation = Math.sqrt(1 - rho * rho);
        for (int m = 0; m < chains; m++) {
            double x = random.nextGaussian();
            for (int t = 0; t < n; t++) {
                x = rho * x + innovation * random.nextGaussian();
                draws[m][t] = x;
            }
        }
        return draws;
    }

    /**
     * The integrated autocorrelation time of AR(1) is (1 + ρ)/(1 − ρ), so the ESS of M chains of length n is
     * M n (1 − ρ)/(1 + ρ). The estimator's relative sd at these sizes is a few per cent; 10% is ~3 sd.
     */
    @ParameterizedTest
    @CsvSource({"0.5, 0.10", "0.9, 0.12", "-0.3, 0.12"})
    void essOfAr1MatchesTheClosedForm(double rho, double tolerance) {
        int chains = 20;
        int n = 2000;
        double expected = chains * n * (1 - rho) / (1 + rho);
        double[][] draws = ar1(chains, n, rho, 42);
        assertThat(ChainDiagnostics.essMean(draws) / expected).isCloseTo(1, within(tolerance));
        assertThat(ChainDiagnostics.essBulk(draws) / expected).isCloseTo(1, within(tolerance));
        // MCSE of the mean = sd/√ESS with sd = 1.
        assertThat(ChainDiagnostics.mcseMean(draws) * Math.sqrt(expected)).isCloseTo(1, within(tolerance));
    }

    @Test
    void tailEssOfIndependentDrawsIsAboutTheNumberOfDraws() {
        double[][] draws = ar1(8, 1000, 0.0, 7);
        assertThat(ChainDiagnostics.essTail(draws) / 8000).isCloseTo(1, within(0.15));
    }

    @Test
    void rhatIsOneForMixedChainsAndLargeForChainsStuckApart() {
        double[][] mixed = ar1(4, 1000, 0.5, 1);
        assertThat(ChainDiagnostics.rhat(mixed)).isCloseTo(1, within(0.01));
        double[][] stuck = ar1(4, 1000, 0.5, 2);
        for (int t = 0; t < 1000; t++) {
            stuck[0][t] += 2;
        }
        assertThat(ChainDiagnostics.rhat(stuck)).isGreaterThan(1.1);
        // A chain with a different scale only: the folded R̂ catches it.
        double[][] scaled = ar1(4, 1000, 0.5, 3);
        for (int t = 0; t < 1000; t++) {
            scaled[0][t] *= 3;
        }
        assertThat(ChainDiagnostics.rhat(scaled)).isGreaterThan(1.05);
    }

    @Test
    void autocovarianceMatchesTheDirectSum() {
        double[] x = ar1(1, 37, 0.7, 9)[0];
        double[] acov = Autocovariance.of(x);
        double mean = java.util.Arrays.stream(x).average().orElseThrow();
        for (int t = 0; t < x.length; t++) {
            double s = 0;
            for (int i = 0; i + t < x.length; i++) {
                s += (x[i] - mean) * (x[i + t] - mean);
            }
            assertThat(acov[t]).isCloseTo(s / x.length, within(1e-10));
        }
    }

    @Test
    void badDrawsAreRejected() {
        assertThatThrownBy(() -> ChainDiagnostics.rhat(new double[][] {{1, 2, 3}})).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("at least 4");
        assertThatThrownBy(() -> ChainDiagnostics.essBulk(new double[][] {{1, 2, 3, 4}, {1, 2, 3}}))
                .hasMessageContaining("draws[1]");
        assertThatThrownBy(() -> ChainDiagnostics.essBulk(new double[][] {{1, 2, Double.NaN, 4}}))
                .hasMessageContaining("NaN");
    }
}
