package org.ebm4j.bench.quality;

/**
 * Inception-style score of class probabilities (Salimans et al. 2016), here with the MNIST classifier:
 * IS = exp(E_x KL(p(y|x) ‖ p(y))), between 1 (every sample the same class distribution) and the number of classes
 * (confident and balanced predictions).
 */
public final class InceptionScore {

    private InceptionScore() {
    }

    /** @param probabilities [n, classes], each row a distribution */
    public static double of(double[][] probabilities) {
        if (probabilities.length == 0) {
            throw new IllegalArgumentException("no probabilities; expected at least one row");
        }
        int k = probabilities[0].length;
        double[] marginal = new double[k];
        for (double[] p : probabilities) {
            for (int j = 0; j < k; j++) {
                marginal[j] += p[j] / probabilities.length;
            }
        }
        double kl = 0;
        for (double[] p : probabilities) {
            for (int j = 0; j < k; j++) {
                if (p[j] > 0) {
                    kl += p[j] * (Math.log(p[j]) - Math.log(marginal[j]));
                }
            }
        }
        return Math.exp(kl / probabilities.length);
    }
}
