package org.ebm4j.rbm.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.training.IterationReport;
import org.ebm4j.api.training.ObjectiveResult;
import org.ebm4j.api.training.TrainingContext;
import org.ebm4j.api.training.TrainingDivergedException;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingSummary;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.partition.ExactPartition;
import org.ebm4j.rbm.testing.RbmFixtures;
import org.ebm4j.training.checkpoint.TrainingCheckpoint;
import org.ebm4j.training.data.InMemoryDataset;
import org.ebm4j.training.loop.EbmTrainer;
import org.ebm4j.training.loop.EpochLoopTrainer;
import org.ebm4j.training.loop.ResumableTrainer;
import org.ebm4j.training.objective.ContrastiveDivergence;
import org.ebm4j.training.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FusedRbmTrainerTest {

    private static InMemoryDataset dataset(INDArray rows) {
        return new InMemoryDataset("d", rows.castTo(DataType.FLOAT), null);
    }

    private static BernoulliRbm floatRbm(int visible, int hidden, double weightStd, long seed) {
        return RbmFixtures.randomRbm(visible, hidden, weightStd, 0.3, seed).castTo(DataType.FLOAT);
    }

    private static RbmTraining.Settings settings(RbmTraining.Algorithm algorithm, int k, int epochs, int batch,
                                                 double momentum, double weightDecay) {
        return new RbmTraining.Settings(algorithm, k, epochs, batch, 0.1, 0.9, momentum, weightDecay, 11)
                .withEngine(RbmTraining.Engine.FUSED);
    }

    /** CD, PCD with persistent visible states, PCD with persistent hidden samples. */
    enum Variant {
        CD(RbmTraining.Algorithm.CD, RbmTraining.Persist.VISIBLE),
        PCD(RbmTraining.Algorithm.PCD, RbmTraining.Persist.VISIBLE),
        PCD_HIDDEN(RbmTraining.Algorithm.PCD, RbmTraining.Persist.HIDDEN);

        final RbmTraining.Algorithm algorithm;
        final RbmTraining.Persist persist;

        Variant(RbmTraining.Algorithm algorithm, RbmTraining.Persist persist) {
            this.algorithm = algorithm;
            this.persist = persist;
        }

        RbmTraining.Settings settings(int k, int epochs, int batch, double momentum, double weightDecay) {
            return FusedRbmTrainerTest.settings(algorithm, k, epochs, batch, momentum, weightDecay).withPersist(persist);
        }
    }

    /** Collects the negatives of every update. */
    private static final class Negatives implements TrainingListener {
        final List<INDArray> seen = new ArrayList<>();

        @Override
        public void onIteration(TrainingContext context, IterationReport report) {
            seen.add(report.negatives().dup());
        }
    }

    /**
     * The fused loop's update equals the reference's for the same minibatches and negatives: replaying its negatives
     * (from the listener) and the shared epoch order through the reference objective and SGD gives the same
     * parameters, up to float rounding (sums in another order), over several updates with momentum, weight decay and
     * learning-rate decay.
     */
    @ParameterizedTest
    @EnumSource(Variant.class)
    void updatesEqualTheReferenceObjectiveAndSgdOnTheSameNegatives(Variant variant) {
        INDArray data = RbmFixtures.prototypeData(30, 13, 3, 0.1, 5).castTo(DataType.FLOAT);
        BernoulliRbm fused = floatRbm(13, 7, 0.5, 3);
        BernoulliRbm reference = fused.castTo(DataType.FLOAT);
        RbmTraining.Settings s = variant.settings(2, 4, 10, 0.5, 1e-3);
        ResumableTrainer trainer = RbmTraining.trainer(fused, dataset(data), s);
        assertThat(trainer).isInstanceOf(FusedRbmTrainer.class);
        Negatives negatives = new Negatives();
        trainer.addListener(negatives);
        TrainingSummary summary = trainer.train();
        assertThat(negatives.seen).hasSize(12);

        ContrastiveDivergence cd = new ContrastiveDivergence(0.0);
        Sgd sgd = new Sgd(0.5, 1e-3);
        RandomKey runKey = RandomKey.of(11);
        ObjectiveResult last = null;
        for (int t = 0; t < 12; t++) {
            int epoch = t / 3;
            int[] order = EpochLoopTrainer.epochOrder(30, runKey.fold("epoch").fold(epoch));
            int[] rows = java.util.Arrays.copyOfRange(order, (t % 3) * 10, (t % 3) * 10 + 10);
            INDArray positive = Nd4j.pullRows(data, 1, rows);
            last = cd.evaluate(reference, positive, negatives.seen.get(t));
            sgd.update(reference.parameters(), last.gradients(), 0.1 * Math.pow(0.9, epoch));
        }
        for (String name : List.of("W", "b_visible", "b_hidden")) {
            INDArray a = fused.parameters().get(name);
            INDArray b = reference.parameters().get(name);
            double scale = Math.max(1.0, b.amaxNumber().doubleValue());
            assertThat(a.sub(b).amaxNumber().doubleValue()).as(name).isLessThan(1e-5 * scale);
        }
        for (String term : List.of("e_pos", "e_neg", "cd", "reg")) {
            assertThat(summary.finalMetrics().get(term)).as(term)
                    .isCloseTo(last.terms().get(term), org.assertj.core.data.Offset.offset(
                            1e-5 * Math.max(1, Math.abs(last.terms().get(term)))));
        }
    }

    /**
     * With a learning rate too small to move float parameters, the persistent chains are block-Gibbs chains of a
     * fixed RBM: the frequencies of the 2^5 visible states (1,000 chains, every 5th update after 20: 20,000 nearly
     * independent states) match the exact p(v) state by state within 5 standard errors, and Pearson's χ² (31
     * degrees of freedom: mean 31, standard deviation √62) stays below its mean plus 5 standard deviations.
     */
    @ParameterizedTest
    @EnumSource(value = RbmTraining.Persist.class)
    void persistentChainsSampleTheExactDistribution(RbmTraining.Persist persist) {
        BernoulliRbm rbm = floatRbm(5, 3, 0.8, 21);
        INDArray logP = ExactPartition.logLikelihood(rbm, allStates(5));
        int chains = 1000;
        INDArray data = RbmFixtures.prototypeData(chains, 5, 2, 0.2, 4);
        RbmTraining.Settings s = new RbmTraining.Settings(RbmTraining.Algorithm.PCD, 1, 120, chains, 1e-30, 1.0, 0,
                0, 5).withEngine(RbmTraining.Engine.FUSED).withPersist(persist);
        INDArray before = rbm.weights().dup();
        ResumableTrainer trainer = RbmTraining.trainer(rbm, dataset(data), s);
        long[] counts = new long[32];
        long[] total = {0};
        trainer.addListener(new TrainingListener() {
            @Override
            public void onIteration(TrainingContext context, IterationReport report) {
                if (report.iteration() > 20 && report.iteration() % 5 == 0) {
                    float[] v = report.negatives().data().asFloat();
                    for (int r = 0; r < chains; r++) {
                        int state = 0;
                        for (int i = 0; i < 5; i++) {
                            state |= (v[r * 5 + i] == 1f ? 1 : 0) << i;
                        }
                        counts[state]++;
                        total[0]++;
                    }
                }
            }
        });
        trainer.train();
        assertThat(rbm.weights()).isEqualTo(before);
        assertThat(total[0]).isEqualTo(20L * chains);
        double chiSquare = 0;
        for (int state = 0; state < 32; state++) {
            double p = Math.exp(logP.getDouble(state));
            double se = Math.sqrt(p * (1 - p) / total[0]);
            assertThat((double) counts[state] / total[0]).as("state " + state)
                    .isCloseTo(p, org.assertj.core.data.Offset.offset(5 * se));
            chiSquare += Math.pow(counts[state] - p * total[0], 2) / (p * total[0]);
        }
        assertThat(chiSquare).isLessThan(31 + 5 * Math.sqrt(62));
    }

    /** @return the 2^n binary states of n units, state s in row s (bit i of s is unit i) */
    private static INDArray allStates(int n) {
        double[] rows = new double[(1 << n) * n];
        for (int s = 0; s < 1 << n; s++) {
            for (int i = 0; i < n; i++) {
                rows[s * n + i] = (s >> i) & 1;
            }
        }
        return Nd4j.create(rows, new long[] {1 << n, n}, DataType.DOUBLE);
    }

    @ParameterizedTest
    @EnumSource(value = RbmTraining.Algorithm.class, names = {"CD", "PCD"})
    void trainingIncreasesTheExactLogLikelihood(RbmTraining.Algorithm algorithm) {
        INDArray train = RbmFixtures.prototypeData(300, 12, 3, 0.05, 1);
        BernoulliRbm rbm = BernoulliRbm.random(12, 8, 0.01, DataType.FLOAT, RandomKey.of(2));
        double before = ExactPartition.logLikelihood(rbm, train).meanNumber().doubleValue();
        ResumableTrainer trainer = RbmTraining.trainer(rbm, dataset(train),
                new RbmTraining.Settings(algorithm, 1, 20, 20, 0.1, 1.0, 0.5, 1e-4, 3));
        assertThat(trainer).isInstanceOf(FusedRbmTrainer.class);
        TrainingSummary summary = trainer.train();
        double after = ExactPartition.logLikelihood(rbm, train).meanNumber().doubleValue();
        assertThat(summary.completed()).isTrue();
        assertThat(summary.iterations()).isEqualTo(20 * 15);
        // as RbmTrainingTest for the reference loop: uniform −8.3 nats before, about −3.5 attainable
        assertThat(before).isLessThan(-8.0);
        assertThat(after).isGreaterThan(before + 1.5);
    }

    @Test
    void theThreadCountDoesNotChangeTheRun() {
        INDArray data = RbmFixtures.prototypeData(120, 40, 4, 0.1, 2);
        RbmTraining.Settings s = settings(RbmTraining.Algorithm.PCD, 1, 3, 20, 0.5, 0);
        BernoulliRbm one = floatRbm(40, 24, 0.1, 8);
        BernoulliRbm three = one.castTo(DataType.FLOAT);
        int[][] rows = BinaryRows.of("data", data);
        new FusedRbmTrainer(one, rows, s, 1, Map.of()).train();
        new FusedRbmTrainer(three, rows, s, 3, Map.of()).train();
        assertThat(three.weights()).isEqualTo(one.weights());
        assertThat(three.hiddenBias()).isEqualTo(one.hiddenBias());
        assertThat(three.visibleBias()).isEqualTo(one.visibleBias());
    }

    /** Two epochs, a checkpoint, a new trainer restored from it, two more epochs: the uninterrupted run, bit for bit. */
    @ParameterizedTest
    @EnumSource(value = RbmTraining.Persist.class)
    void aResumedRunEqualsTheUninterruptedOne(RbmTraining.Persist persist, @TempDir Path dir) throws Exception {
        INDArray data = RbmFixtures.prototypeData(60, 20, 3, 0.1, 3);
        BernoulliRbm whole = floatRbm(20, 10, 0.1, 4);
        BernoulliRbm resumed = whole.castTo(DataType.FLOAT);
        RbmTraining.trainer(whole, dataset(data), settings(RbmTraining.Algorithm.PCD, 1, 4, 10, 0.5, 1e-4)
                .withPersist(persist)).train();

        ResumableTrainer first = RbmTraining.trainer(resumed, dataset(data),
                settings(RbmTraining.Algorithm.PCD, 1, 2, 10, 0.5, 1e-4).withPersist(persist));
        first.train();
        Path file = dir.resolve("ckpt.zip");
        first.writeCheckpoint(file);
        BernoulliRbm fresh = floatRbm(20, 10, 0.1, 99);
        ResumableTrainer second = RbmTraining.trainer(fresh, dataset(data),
                settings(RbmTraining.Algorithm.PCD, 1, 4, 10, 0.5, 1e-4).withPersist(persist));
        second.restore(TrainingCheckpoint.read(file));
        assertThat(second.iteration()).isEqualTo(12);
        second.train();
        assertThat(fresh.weights()).isEqualTo(whole.weights());
        assertThat(fresh.visibleBias()).isEqualTo(whole.visibleBias());
        assertThat(fresh.hiddenBias()).isEqualTo(whole.hiddenBias());
    }

    /** The checkpoint layout is the reference loop's: it restores there (parameters, velocity, chains). */
    @Test
    void theReferenceLoopContinuesAFusedCheckpoint() {
        INDArray data = RbmFixtures.prototypeData(40, 16, 2, 0.1, 6);
        BernoulliRbm rbm = floatRbm(16, 6, 0.1, 7);
        ResumableTrainer fused = RbmTraining.trainer(rbm, dataset(data),
                settings(RbmTraining.Algorithm.PCD, 1, 1, 10, 0.5, 0));
        fused.train();
        TrainingCheckpoint checkpoint = fused.checkpoint();
        assertThat(checkpoint.buffer().shape()).containsExactly(10, 16);
        assertThat(checkpoint.optimizerState()).containsKeys("step", "u/W", "u/b_visible", "u/b_hidden");

        BernoulliRbm other = floatRbm(16, 6, 0.1, 70);
        EbmTrainer reference = RbmTraining.referenceTrainer(other, dataset(data),
                settings(RbmTraining.Algorithm.PCD, 1, 2, 10, 0.5, 0));
        reference.restore(checkpoint);
        assertThat(other.weights()).isEqualTo(rbm.weights());
        assertThat(reference.iteration()).isEqualTo(4);
        assertThat(reference.train().completed()).isTrue();
    }

    @Test
    void autoChoosesTheFusedLoopOnlyWhereItApplies() {
        INDArray binary = RbmFixtures.prototypeData(40, 10, 2, 0.1, 1);
        RbmTraining.Settings pcd = new RbmTraining.Settings(RbmTraining.Algorithm.PCD, 1, 1, 10, 0.1, 1, 0, 0, 1);
        assertThat(RbmTraining.trainer(floatRbm(10, 4, 0.1, 1), dataset(binary), pcd))
                .isInstanceOf(FusedRbmTrainer.class);
        assertThat(RbmTraining.trainer(RbmFixtures.randomRbm(10, 4, 0.1, 0.1, 1),
                new InMemoryDataset("d", binary, null), pcd)).isInstanceOf(EbmTrainer.class);
        INDArray probabilities = binary.castTo(DataType.FLOAT).muli(0.5);
        assertThat(RbmTraining.trainer(floatRbm(10, 4, 0.1, 1), dataset(probabilities), pcd))
                .isInstanceOf(EbmTrainer.class);
        assertThat(RbmTraining.trainer(floatRbm(10, 4, 0.1, 1), dataset(binary),
                pcd.withSparsity(new RbmTraining.Sparsity(0.1, 0.5, 0.9)))).isInstanceOf(EbmTrainer.class);
        assertThat(RbmTraining.trainer(floatRbm(10, 4, 0.1, 1), dataset(binary),
                pcd.withEngine(RbmTraining.Engine.REFERENCE))).isInstanceOf(EbmTrainer.class);

        assertThatThrownBy(() -> RbmTraining.trainer(floatRbm(10, 4, 0.1, 1), dataset(probabilities),
                pcd.withEngine(RbmTraining.Engine.FUSED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not binary");
        assertThatThrownBy(() -> RbmTraining.trainer(RbmFixtures.randomRbm(10, 4, 0.1, 0.1, 1),
                new InMemoryDataset("d", binary, null), pcd.withEngine(RbmTraining.Engine.FUSED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DOUBLE");
        assertThatThrownBy(() -> RbmTraining.referenceTrainer(floatRbm(10, 4, 0.1, 1), dataset(binary),
                pcd.withPersist(RbmTraining.Persist.HIDDEN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fused loop only");
        assertThatThrownBy(() -> new RbmTraining.Settings(RbmTraining.Algorithm.CD, 1, 1, 10, 0.1, 1, 0, 0, 1)
                .withPersist(RbmTraining.Persist.HIDDEN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected PCD");
        assertThatThrownBy(() -> RbmTraining.Engine.of("fast"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto, fused or reference");
        assertThatThrownBy(() -> BinaryRows.of("data", probabilities))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data[")
                .hasMessageContaining("= 0.5").hasMessageContaining("expected binary rows");
    }

    @Test
    void nonFiniteEnergiesStopTheRunBeforeAnUpdate() {
        INDArray data = RbmFixtures.prototypeData(20, 8, 2, 0.1, 1);
        BernoulliRbm rbm = floatRbm(8, 4, 0.1, 1);
        ResumableTrainer trainer = RbmTraining.trainer(rbm, dataset(data),
                settings(RbmTraining.Algorithm.PCD, 1, 1, 10, 0, 0));
        rbm.hiddenBias().putScalar(0, Float.NaN);
        INDArray before = rbm.weights().dup();
        assertThatThrownBy(trainer::train).isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("iteration 1").hasMessageContaining("NaN")
                .hasMessageContaining("parameters were not updated");
        assertThat(rbm.weights()).isEqualTo(before);
    }
}
