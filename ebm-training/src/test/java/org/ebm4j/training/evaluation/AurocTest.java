package org.ebm4j.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class AurocTest {

    static double bruteForce(double[] pos, double[] neg) {
        double wins = 0;
        for (double p : pos) {
            for (double q : neg) {
                wins += p > q ? 1 : p == q ? 0.5 : 0;
            }
        }
        return wins / (pos.length * (double) neg.length);
    }

    @Test
    void smallCasesWithTies() {
        assertThat(Auroc.of(new double[] {3, 4}, new double[] {1, 2})).isEqualTo(1.0);
        assertThat(Auroc.of(new double[] {1, 2}, new double[] {3, 4})).isEqualTo(0.0);
        assertThat(Auroc.of(new double[] {1, 1}, new double[] {1, 1, 1})).isEqualTo(0.5);
        // pairs: (2>1) (2=2) (2<3) (5>1) (5>2) (5>3) -> 4.5 / 6
        assertThat(Auroc.of(new double[] {2, 5}, new double[] {1, 2, 3})).isEqualTo(0.75);
    }

    @Test
    void equalsThePairwiseDefinitionOnRandomScoresWithTies() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] pos = new double[57];
        double[] neg = new double[41];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = rng.nextInt(20) + 3; // integer scores: many ties
        }
        for (int i = 0; i < neg.length; i++) {
            neg[i] = rng.nextInt(20);
        }
        assertThat(Auroc.of(pos, neg)).isCloseTo(bruteForce(pos, neg), Offset.offset(1e-12));
    }

    @Test
    void matchesTheBinormalCurve() {
        // Positives N(1, 1), negatives N(0, 1): AUROC = Φ(1/√2) = 0.7602. SE ≤ sqrt(A(1−A)/min(n+, n−)) (Hanley–McNeil).
        java.util.Random rng = new java.util.Random(8);
        int n = 4000;
        double[] pos = new double[n];
        double[] neg = new double[n];
        for (int i = 0; i < n; i++) {
            pos[i] = 1 + rng.nextGaussian();
            neg[i] = rng.nextGaussian();
        }
        double expected = 0.7602499389; // Φ(1/√2)
        assertThat(Auroc.of(pos, neg)).isCloseTo(expected, Offset.offset(5 * Math.sqrt(0.76 * 0.24 / n)));
    }

    @Test
    void rejectsEmptyAndNonFiniteScores() {
        assertThatThrownBy(() -> Auroc.of(new double[0], new double[] {1}))
                .hasMessage("positives is empty; expected at least one score");
        assertThatThrownBy(() -> Auroc.of(new double[] {1}, new double[] {Double.NaN}))
                .hasMessage("negatives[0] = NaN; expected finite scores");
    }
}
