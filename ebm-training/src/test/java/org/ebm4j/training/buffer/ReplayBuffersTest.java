package org.ebm4j.training.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.training.ReplayBuffer;
import org.ebm4j.api.training.ReplayBufferFactory;
import org.ebm4j.training.TrainingModule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ReplayBuffersTest {

    private static final long[] SHAPE = {3};

    static INDArray rows(double... values) {
        INDArray x = Nd4j.create(DataType.DOUBLE, values.length, 3);
        for (int i = 0; i < values.length; i++) {
            x.getRow(i).assign(values[i]);
        }
        return x;
    }

    static double[] firstColumn(INDArray x) {
        return x.getColumn(0).toDoubleVector();
    }

    @Test
    void seedBufferDrawsABinomialFractionOfFreshNoiseFirst() {
        SeedReplayBuffer buffer = new SeedReplayBuffer(SHAPE, 8192, 0.05, -1, 1, DataType.DOUBLE);
        buffer.add(rows(5, 6, 7, 8)); // stored values lie outside the noise range [-1, 1]
        int draws = 200;
        int n = 200;
        long fresh = 0;
        int minCount = Integer.MAX_VALUE;
        int maxCount = 0;
        for (int d = 0; d < draws; d++) {
            INDArray x = buffer.draw(n, RandomKey.of(3).fold(d));
            double[] col = firstColumn(x);
            int k = 0;
            while (k < n && Math.abs(col[k]) <= 1) {
                k++;
            }
            for (int i = k; i < n; i++) { // fresh rows come first, then only stored rows
                assertThat(col[i]).isIn(5.0, 6.0, 7.0, 8.0);
            }
            fresh += k;
            minCount = Math.min(minCount, k);
            maxCount = Math.max(maxCount, k);
        }
        double total = (double) draws * n;
        double p = fresh / total;
        double se = Math.sqrt(0.05 * 0.95 / total);
        assertThat(p).isCloseTo(0.05, Offset.offset(5 * se));
        assertThat(maxCount).isGreaterThan(minCount); // a random count per draw, not a fixed 5 %
    }

    @Test
    void storedSamplesAreDrawnUniformlyWithReplacement() {
        SeedReplayBuffer buffer = new SeedReplayBuffer(SHAPE, 8192, 0, -1, 1, DataType.DOUBLE);
        buffer.add(rows(10, 11, 12, 13));
        int[] counts = new int[4];
        int total = 0;
        for (int d = 0; d < 50; d++) {
            for (double v : firstColumn(buffer.draw(100, RandomKey.of(d)))) {
                counts[(int) v - 10]++;
                total++;
            }
        }
        double se = Math.sqrt(total * 0.25 * 0.75);
        for (int c : counts) {
            assertThat((double) c).isCloseTo(total / 4.0, Offset.offset(5 * se));
        }
    }

    @Test
    void newSamplesGoToTheFrontAndTheOldestAreTruncated() {
        SeedReplayBuffer buffer = new SeedReplayBuffer(SHAPE, 5, 0.05, -1, 1, DataType.DOUBLE);
        assertThat(buffer.size()).isZero();
        assertThat(buffer.snapshot().shape()).containsExactly(0, 3);
        INDArray empty = buffer.draw(6, RandomKey.of(1));
        assertThat(Math.abs(empty.maxNumber().doubleValue())).isLessThanOrEqualTo(1.0); // empty: all fresh
        assertThat(empty.shape()).containsExactly(6, 3);
        buffer.add(rows(1, 2, 3));
        buffer.add(rows(4, 5, 6));
        assertThat(buffer.size()).isEqualTo(5);
        assertThat(firstColumn(buffer.snapshot())).containsExactly(4, 5, 6, 1, 2);
        buffer.add(rows(7));
        assertThat(firstColumn(buffer.snapshot())).containsExactly(7, 4, 5, 6, 1);
        buffer.add(rows(20, 21, 22, 23, 24, 25, 26));
        assertThat(firstColumn(buffer.snapshot())).containsExactly(20, 21, 22, 23, 24);
        assertThatThrownBy(() -> buffer.add(Nd4j.zeros(2, 4))).hasMessage(
                "seed-buffer: samples have shape [2, 4]; expected [n, 3]");
    }

    @Test
    void snapshotRoundTripRestoresContentsAndDraws() {
        SeedReplayBuffer buffer = new SeedReplayBuffer(SHAPE, 8, 0.3, -1, 1, DataType.FLOAT);
        for (int i = 0; i < 4; i++) {
            buffer.add(Nd4j.rand(DataType.FLOAT, 3, 3).addi(i));
        }
        SeedReplayBuffer restored = new SeedReplayBuffer(SHAPE, 8, 0.3, -1, 1, DataType.FLOAT);
        restored.restore(buffer.snapshot());
        assertThat(restored.size()).isEqualTo(8);
        assertThat(restored.snapshot()).isEqualTo(buffer.snapshot());
        assertThat(restored.draw(16, RandomKey.of(9))).isEqualTo(buffer.draw(16, RandomKey.of(9)));
        restored.restore(Nd4j.create(DataType.FLOAT, 0, 3));
        assertThat(restored.size()).isZero();
    }

    @Test
    void reservoirKeepsEveryAddedSampleWithEqualProbability() {
        int capacity = 10;
        int added = 100;
        int seeds = 300;
        double early = 0;
        double late = 0;
        for (int s = 0; s < seeds; s++) {
            ReservoirBuffer reservoir = new ReservoirBuffer(SHAPE, capacity, 0.05, -1, 1, DataType.DOUBLE, s);
            for (int i = 0; i < added; i += 4) {
                reservoir.add(rows(i, i + 1, i + 2, i + 3));
            }
            assertThat(reservoir.size()).isEqualTo(capacity);
            assertThat(reservoir.seen()).isEqualTo(added);
            for (double v : firstColumn(reservoir.snapshot())) {
                if (v < added / 2.0) {
                    early++;
                } else {
                    late++;
                }
            }
        }
        // Each half holds capacity/2 samples on average; the count per reservoir is hypergeometric-like with
        // variance ≤ capacity/4, so the mean over seeds has SE ≤ sqrt(capacity/4/seeds).
        double se = Math.sqrt(capacity / 4.0 / seeds);
        assertThat(early / seeds).isCloseTo(capacity / 2.0, Offset.offset(5 * se));
        assertThat(late / seeds).isCloseTo(capacity / 2.0, Offset.offset(5 * se));
    }

    @Test
    void reservoirRoundTripWithCountersContinuesIdentically() {
        ReservoirBuffer a = new ReservoirBuffer(SHAPE, 6, 0.05, -1, 1, DataType.DOUBLE, 4);
        for (int i = 0; i < 30; i += 3) {
            a.add(rows(i, i + 1, i + 2));
        }
        ReservoirBuffer b = new ReservoirBuffer(SHAPE, 6, 0.05, -1, 1, DataType.DOUBLE, 4);
        b.restore(a.snapshot());
        b.restoreCounters(a.counters());
        assertThat(b.counters()).isEqualTo(Map.of("seen", 30L));
        for (int i = 30; i < 60; i += 3) {
            a.add(rows(i, i + 1, i + 2));
            b.add(rows(i, i + 1, i + 2));
        }
        assertThat(b.snapshot()).isEqualTo(a.snapshot());
        assertThatThrownBy(() -> b.restoreCounters(Map.of())).hasMessageContaining("counter seen = null");
    }

    @Test
    void noneAlwaysDrawsFreshNoiseAndStoresNothing() {
        FreshNoiseBuffer none = new FreshNoiseBuffer(SHAPE, -1, 1, DataType.FLOAT);
        none.add(rows(5, 6));
        assertThat(none.size()).isZero();
        INDArray x = none.draw(500, RandomKey.of(2));
        assertThat(x.shape()).containsExactly(500, 3);
        assertThat(x.maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
        assertThat(x.minNumber().doubleValue()).isGreaterThanOrEqualTo(-1.0);
        // mean of 1500 U(-1,1) draws: SE = sqrt(1/3 / 1500)
        assertThat(x.meanNumber().doubleValue()).isCloseTo(0, Offset.offset(5 * Math.sqrt(1.0 / 3 / 1500)));
        assertThat(none.draw(4, RandomKey.of(2))).isEqualTo(none.draw(4, RandomKey.of(2)));
        assertThat(none.snapshot().shape()).containsExactly(0, 3);
    }

    @Test
    void buffersAreRegisteredByNameAndValidateTheirConfig() {
        Map<String, ReplayBufferFactory> byName = Guice.createInjector(new TrainingModule())
                .getInstance(Key.get(new TypeLiteral<Map<String, ReplayBufferFactory>>() { }));
        assertThat(byName).containsKeys("seed-buffer", "reservoir", "none", "persistent");
        ReplayBuffer seed = byName.get("seed-buffer").create(new long[] {1, 28, 28}, ComponentConfig.empty("buffer"));
        assertThat(seed.capacity()).isEqualTo(8192);
        assertThat(((SeedReplayBuffer) seed).freshFraction()).isEqualTo(0.05);
        assertThat(byName.get("reservoir").create(SHAPE, ComponentConfig.of("buffer", Map.of("capacity", 7)))
                .capacity()).isEqualTo(7);
        assertThatThrownBy(() -> byName.get("seed-buffer").create(SHAPE,
                ComponentConfig.of("buffer 'seed-buffer'", Map.of("fresh", 1.5))))
                .hasMessage("buffer 'seed-buffer': fresh = 1.5; expected a number in [0.0, 1.0]");
        assertThatThrownBy(() -> byName.get("none").create(SHAPE,
                ComponentConfig.of("buffer 'none'", Map.of("low", 1, "high", 0))))
                .hasMessageContaining("expected finite low < high");
    }
}
