package org.ebm4j.rbm.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WorkerTeamTest {

    private static final int SECTIONS = 2_000;

    /** Parked workers (spin 0), spinning workers, and both in turn (a spin shorter than some gaps). */
    @ParameterizedTest
    @ValueSource(longs = {0, 20_000, 5_000_000})
    void everyChunkRunsOncePerSectionAndItsWritesAreSeenByTheCaller(long spinNanos) throws Exception {
        try (WorkerTeam team = new WorkerTeam(3, "test-team", spinNanos)) {
            long[] sums = new long[3];
            for (int section = 0; section < SECTIONS; section++) {
                int parts = 1 + section % 3;
                int s = section;
                team.run(parts, chunk -> sums[chunk] += s + 1); // plain writes: run must publish them
                if (section % 500 == 499) {
                    Thread.sleep(1); // a gap longer than the short spin: the workers park and are woken
                }
            }
            long[] expected = new long[3];
            for (int section = 0; section < SECTIONS; section++) {
                for (int chunk = 0; chunk < 1 + section % 3; chunk++) {
                    expected[chunk] += section + 1;
                }
            }
            assertThat(sums).containsExactly(expected);
        }
    }

    @Test
    void aWorkersExceptionIsRethrownAfterTheOthersFinishAndTheTeamStaysUsable() {
        try (WorkerTeam team = new WorkerTeam(3, "test-team", 100_000)) {
            AtomicInteger finished = new AtomicInteger();
            assertThatThrownBy(() -> team.run(3, chunk -> {
                if (chunk == 2) {
                    throw new IllegalStateException("chunk 2 failed");
                }
                finished.incrementAndGet();
            })).isInstanceOf(IllegalStateException.class).hasMessage("chunk 2 failed");
            assertThat(finished).hasValue(2);
            assertThatThrownBy(() -> team.run(2, chunk -> {
                if (chunk == 0) {
                    throw new ArithmeticException("caller's chunk failed");
                }
                finished.incrementAndGet();
            })).isInstanceOf(ArithmeticException.class);
            assertThat(finished).hasValue(3);
            int[] seen = new int[3];
            team.run(3, chunk -> seen[chunk] = chunk + 1);
            assertThat(seen).containsExactly(1, 2, 3);
        }
    }

    @Test
    void badArgumentsAndAClosedTeamAreRejected() throws Exception {
        assertThatThrownBy(() -> new WorkerTeam(0, "t", 0)).hasMessageContaining("threads = 0");
        assertThatThrownBy(() -> new WorkerTeam(2, "t", -1)).hasMessageContaining("spinNanos = -1");
        WorkerTeam team = new WorkerTeam(2, "closing-team", 1_000_000);
        assertThatThrownBy(() -> team.run(3, chunk -> { })).hasMessageContaining("parts = 3; expected 1..2");
        team.run(2, chunk -> { });
        team.close();
        assertThatThrownBy(() -> team.run(1, chunk -> { })).hasMessageContaining("closed");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (workersAlive("closing-team") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(workersAlive("closing-team")).as("workers still running after close").isFalse();
    }

    private static boolean workersAlive(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
    }
}
