package org.ebm4j.training.evaluation;

import java.util.Arrays;

/**
 * The area under the ROC curve of a score separating two samples, computed exactly as the Mann–Whitney statistic
 * (Hanley &amp; McNeil 1982): AUROC = P(S₊ &gt; S₋) + ½ P(S₊ = S₋) for a random positive and a random negative,
 * = (R₊ − n₊(n₊ + 1)/2) / (n₊ n₋) with R₊ the sum of the positives' mid-ranks in the pooled sample. O((n₊ + n₋) log)
 * time. For out-of-distribution detection with an EBM, positives are the outliers and the score is the energy.
 */
public final class Auroc {

    private Auroc() {
    }

    /**
     * @param positives scores of the positive class (finite), at least one
     * @param negatives scores of the negative class (finite), at least one
     * @return AUROC in [0, 1]: 1 when every positive scores above every negative, ½ for no separation
     */
    public static double of(double[] positives, double[] negatives) {
        check("positives", positives);
        check("negatives", negatives);
        int n = positives.length + negatives.length;
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            boolean pos = i < positives.length;
            scores[i] = pos ? positives[i] : negatives[i - positives.length];
            positive[i] = pos;
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSum = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1; // 1-based mid-rank of the tie group i..j
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSum += midRank;
                }
            }
            i = j + 1;
        }
        double np = positives.length;
        return (rankSum - np * (np + 1) / 2) / (np * negatives.length);
    }

    private static void check(String name, double[] scores) {
        if (scores == null || scores.length == 0) {
            throw new IllegalArgumentException(name + " is empty; expected at least one score");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + scores[i] + "; expected finite scores");
            }
        }
    }
}
