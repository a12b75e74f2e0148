package org.ebm4j.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seconds per Langevin step (energy and ∇ₓE of the conv net on a batch of 128, the recipe's step) of ebm4j's
 * {@code conv-swish} + {@code seed-langevin} against {@code torch_conv_ebm.py sample}, frozen parameters.
 */
public final class ConvLangevinStepPeer implements PeerComparison {

    static final int BATCH = 128;

    @Override
    public List<PeerRow> compare(PeerContext context) throws Exception {
        context.baselines().require("torch_conv_ebm.py", "torch", "python3-torch");
        int steps = context.quick() ? 10 : 60;
        List<JsonNode> torch = context.baselines().run("torch_conv_ebm.py", 1800, context.work().resolve("torch"),
                "sample", "--threads", Integer.toString(context.threads()), "--batch", Integer.toString(BATCH),
                "--steps", Integer.toString(steps));
        JsonNode t = torch.get(torch.size() - 1);
        double ours = secondsPerStep(context.registry(), steps);
        return List.of(new PeerRow("conv-langevin-step", "seconds per Langevin step (batch 128, conv-swish)", ours,
                t.path("seconds_per_step").asDouble(), t.path("impl").asText("pytorch"), true));
    }

    /**
     * Steps run before timing: the peer needs two (its first call sets up its kernels); a JVM also compiles the
     * sampler's Java code during its first steps (on 2 cores the compiler threads compete with the two compute threads),
     * so ebm4j warms up longer, as the training-iteration comparison drops its first iteration on both sides.
     */
    static final int WARM_UP_STEPS = 20;

    /** Times {@code steps} recipe steps after {@link #WARM_UP_STEPS} warm-up steps. */
    static double secondsPerStep(ComponentRegistry registry, int steps) {
        EnergyFunction energy = registry.energies().get("conv-swish")
                .create(ComponentConfig.of("conv-swish", Map.of("seed", 0)));
        SamplingKernel<?> kernel = registry.samplers().get("seed-langevin")
                .create(energy, ComponentConfig.empty("seed-langevin"));
        INDArray x = Nd4j.rand(RandomKey.of(1).nd4jRandom(), BATCH, 1, 28, 28).castTo(DataType.FLOAT).muli(2).subi(1);
        return time(kernel, x, steps);
    }

    private static <S extends org.ebm4j.api.sampling.SamplerState> double time(SamplingKernel<S> kernel, INDArray x,
                                                                              int steps) {
        var warm = SamplingDriver.run(kernel, x, WARM_UP_STEPS, RandomKey.of(2));
        long t0 = System.nanoTime();
        SamplingDriver.run(kernel, warm.finalState(), steps, RandomKey.of(3), false, null);
        return (System.nanoTime() - t0) / 1e9 / steps;
    }

    @Override
    public String description() {
        return "Langevin step of the conv EBM (batch 128) vs torch_conv_ebm.py sample";
    }
}
