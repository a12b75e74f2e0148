package org.ebm4j.rbm.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.rbm.evaluation.RbmScores;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fixture in {@code src/test/resources/sklearn-rbm} was written by scikit-learn 1.2.1: a BernoulliRBM with 6
 * visible and 4 hidden units fitted to 200 random rows, saved as sklearn_rbm.py saves it, plus 8 data rows. The
 * expected numbers below were printed by sklearn ({@code rbm._free_energy}) and by numpy (the full
 * pseudo-log-likelihood Σ_i log p(v_i | v_−i) of each row).
 */
class SklearnNpyParametersTest {

    private static final double[] SKLEARN_FREE_ENERGY = {-6.801913774510478, -5.271837831706889, -4.893724661759004,
        -4.649828047179231, -6.721201492722332, -6.801913774510478, -5.343534924926183, -5.132164265058378};
    private static final double[] FULL_PSEUDO_LOG_LIKELIHOOD = {-1.8331101734895934, -3.437309309273474,
        -3.802748359603754, -4.052903634145814, -1.9216402852572056, -1.8331101734895934, -3.3655325258024895,
        -3.5837009171725365};

    private static Path fixture() {
        return Path.of("src/test/resources/sklearn-rbm");
    }

    private static INDArray data() throws IOException {
        return NpyFile.read(fixture().resolve("data.npy"));
    }

    @Test
    void loadsSklearnLayoutAndReproducesItsFreeEnergies() throws IOException {
        BernoulliRbm rbm = SklearnNpyParameters.load(fixture(), DataType.DOUBLE);
        assertThat(rbm.weights().shape()).containsExactly(6, 4);
        INDArray f = rbm.energy(data());
        for (int i = 0; i < SKLEARN_FREE_ENERGY.length; i++) {
            assertThat(f.getDouble(i)).isCloseTo(SKLEARN_FREE_ENERGY[i], within(1e-12));
        }
    }

    @Test
    void sklearnStylePseudoLikelihoodAveragesToTheFullPseudoLikelihood() throws IOException {
        BernoulliRbm rbm = SklearnNpyParameters.load(fixture(), DataType.DOUBLE);
        INDArray repeated = data().repeat(0, 1000); // each of the 8 rows 1000 times, one random flip each
        INDArray scores = RbmScores.pseudoLogLikelihood(rbm, repeated, RandomKey.of(4));
        double expected = 0;
        for (double v : FULL_PSEUDO_LOG_LIKELIHOOD) {
            expected += v / FULL_PSEUDO_LOG_LIKELIHOOD.length;
        }
        double se = scores.std(true).getDouble(0) / Math.sqrt(scores.length());
        assertThat(scores.meanNumber().doubleValue()).isCloseTo(expected, within(5 * se));
        assertThat(RbmScores.pseudoLogLikelihood(rbm, repeated, RandomKey.of(4))).isEqualTo(scores);
    }

    @Test
    void reconstructionErrorAndFreeEnergiesAreConsistent() throws IOException {
        BernoulliRbm rbm = SklearnNpyParameters.load(fixture(), DataType.FLOAT);
        INDArray v = data();
        double recon = RbmScores.reconstructionError(rbm, v);
        assertThat(recon).isBetween(0.0, 6.0);
        BernoulliRbm perfect = new BernoulliRbm(Nd4j.zeros(DataType.DOUBLE, 2, 1), Nd4j.create(new double[] {30, -30}),
                Nd4j.zeros(DataType.DOUBLE, 1));
        assertThat(RbmScores.reconstructionError(perfect, Nd4j.create(new double[][] {{1, 0}}))).isLessThan(1e-20);
        assertThat(RbmScores.meanFreeEnergy(rbm, v)).isCloseTo(-5.7020, within(1e-3));
        assertThat(RbmScores.meanLogLikelihood(rbm, v, 1.0)).isCloseTo(5.7020 - 1.0, within(1e-3));
    }

    @Test
    void missingOrInconsistentFilesAreReported(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> SklearnNpyParameters.load(dir, DataType.DOUBLE)).isInstanceOf(IOException.class)
                .hasMessageContaining("W.npy");
        Files.write(dir.resolve("W.npy"), Nd4j.toNpyByteArray(Nd4j.zeros(DataType.DOUBLE, 6, 4)));
        Files.write(dir.resolve("b_visible.npy"), Nd4j.toNpyByteArray(Nd4j.zeros(DataType.DOUBLE, 6)));
        Files.write(dir.resolve("b_hidden.npy"), Nd4j.toNpyByteArray(Nd4j.zeros(DataType.DOUBLE, 4)));
        assertThatThrownBy(() -> SklearnNpyParameters.load(dir, DataType.DOUBLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[6, 4]")
                .hasMessageContaining("[hidden, visible] = [4, 6]");
    }

    @Test
    void npyReaderHonoursFortranOrder() throws IOException {
        INDArray w = NpyFile.read(fixture().resolve("W.npy")); // sklearn saves components_ with fortran_order True
        assertThat(w.shape()).containsExactly(4, 6);
        assertThat(w.getDouble(0, 1)).isCloseTo(-0.3531612, within(1e-7));
        assertThat(w.getDouble(1, 0)).isCloseTo(0.43295833, within(1e-8));
    }
}
