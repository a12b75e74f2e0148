package org.ebm4j.bench.jmh;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.ContrastiveDivergenceGradient;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.energy.EnergyGradient;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.sampling.Step;
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

/**
 * The sampler's hot loop on the conv energy net: energy and ∇ₓE of a batch of MNIST-sized images in one call, and one
 * full {@code seed-langevin} step (noise, clamps, gradient, update), for both input-gradient paths of
 * {@code conv-swish} ({@code direct}: hand-sequenced ops without weight gradients; {@code samediff}: the graph), and
 * for the direct path both convolution back ends ({@code onednn}: oneDNN primitives; {@code nd4j}: libnd4j ops;
 * ignored by {@code samediff}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EnergyGradientBenchmark {

    @Param({"direct", "samediff"})
    public String inputGradient;

    @Param({"onednn", "nd4j"})
    public String convolutions;

    @Param({"128"})
    public int batch;

    private EnergyFunction energy;
    private INDArray x;
    private INDArray negatives;
    private SamplingKernel<SamplerState> kernel;
    private SamplerState state;
    private long step;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() {
        ComponentRegistry registry = ComponentRegistry.discover();
        energy = registry.energies().get("conv-swish")
                .create(ComponentConfig.of("conv-swish", Map.of("seed", 0, "input_gradient", inputGradient,
                        "convolutions", convolutions)));
        x = Nd4j.rand(RandomKey.of(1).nd4jRandom(), batch, 1, 28, 28).castTo(DataType.FLOAT).muli(2).subi(1);
        kernel = (SamplingKernel<SamplerState>) registry.samplers().get("seed-langevin")
                .create(energy, ComponentConfig.empty("seed-langevin"));
        state = kernel.init(x.dup());
        negatives = Nd4j.rand(RandomKey.of(2).nd4jRandom(), batch, 1, 28, 28).castTo(DataType.FLOAT).muli(2).subi(1);
    }

    @Benchmark
    public EnergyGradient energyAndGradient() {
        return energy.energyAndGradient(x);
    }

    /** The CD loss and its parameter gradient for {@code batch} data and {@code batch} model samples. */
    @Benchmark
    public ContrastiveDivergenceGradient.Result contrastiveGradient() {
        return ((ContrastiveDivergenceGradient) energy).contrastiveGradient(x, negatives, 0.1);
    }

    @Benchmark
    public SamplerState langevinStep() {
        Step<SamplerState> s = kernel.step(RandomKey.of(7).fold(step++), state);
        state = s.state();
        return state;
    }
}
