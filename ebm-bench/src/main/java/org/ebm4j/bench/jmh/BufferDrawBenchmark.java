package org.ebm4j.bench.jmh;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.training.ReplayBuffer;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** A replay-buffer draw of a training batch (128 MNIST-sized images) from a full buffer, then the add-back. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BufferDrawBenchmark {

    @Param({"seed-buffer", "reservoir"})
    public String buffer;

    @Param({"128"})
    public int batch;

    private ReplayBuffer replay;
    private long step;

    @Setup(Level.Trial)
    public void setUp() {
        replay = ComponentRegistry.discover().replayBuffers().get(buffer)
                .create(new long[] {1, 28, 28}, ComponentConfig.of(buffer, Map.of()));
        RandomKey key = RandomKey.of(1);
        while (replay.size() < replay.capacity()) {
            INDArray x = Nd4j.rand(key.fold(replay.size()).nd4jRandom(), 512, 1, 28, 28).castTo(DataType.FLOAT);
            replay.add(x);
        }
    }

    @Benchmark
    public INDArray drawAndAdd() {
        INDArray x = replay.draw(batch, RandomKey.of(2).fold(step++));
        replay.add(x);
        return x;
    }
}
