package org.ebm4j.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.energy.ExactSampler;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.sampling.diagnostics.Mmd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ULA, MALA and HMC on the 8-mode ring mixture, 1,000 chains started uniformly in [-3, 3]², with the peer's step
 * sizes, against {@code torch_samplers_2d.py}: seconds per step and MMD² to 2,000 exact samples (Gaussian kernel of
 * bandwidth 0.5, as the peer computes it; the peer also reports the exact-vs-exact floor).
 */
public final class Samplers2dPeer implements PeerComparison {

    private static final int CHAINS = 1000;
    // The peer's MMD: Gaussian kernel of bandwidth 0.5 against 2,000 exact samples.
    private static final double BANDWIDTH = 0.5;
    private static final int EXACT = 2000;

    @Override
    public List<PeerRow> compare(PeerContext context) throws Exception {
        context.baselines().require("torch_samplers_2d.py", "torch", "python3-torch");
        int steps = context.quick() ? 200 : 2000;
        List<JsonNode> torch = context.baselines().run("torch_samplers_2d.py", 3600, context.work().resolve("torch"),
                "--chains", Integer.toString(CHAINS), "--steps", Integer.toString(steps), "--threads",
                Integer.toString(context.threads()));
        EnergyFunction energy = context.registry().energies().get("ring-mixture")
                .create(ComponentConfig.empty("ring-mixture"));
        List<PeerRow> rows = new ArrayList<>();
        for (JsonNode t : torch) {
            String name = t.path("sampler").asText();
            Map<String, Object> options = name.equals("hmc")
                    ? Map.of("step-size", t.path("step_size").asDouble(), "leapfrog-steps", 10)
                    : Map.of("step-size", t.path("step_size").asDouble());
            SamplingKernel<?> kernel = context.registry().samplers().get(name)
                    .create(energy, ComponentConfig.of(name, options));
            double[] ours = run(kernel, (ExactSampler) energy, steps);
            String impl = t.path("impl").asText("pytorch");
            rows.add(new PeerRow("samplers-2d", name + ": seconds per step (1000 chains)", ours[0],
                    t.path("seconds_per_step").asDouble(), impl, true));
            rows.add(new PeerRow("samplers-2d", name + ": MMD² to exact samples (floor " + String.format("%.1e",
                    t.path("mmd2_floor").asDouble()) + ")", ours[1], t.path("mmd2_to_exact").asDouble(), impl, true));
        }
        return rows;
    }

    private static <S extends SamplerState> double[] run(SamplingKernel<S> kernel, ExactSampler exact, int steps) {
        RandomKey key = RandomKey.of(0);
        INDArray x0 = Nd4j.rand(key.fold("init").nd4jRandom(), CHAINS, 2).castTo(DataType.DOUBLE).muli(6).subi(3);
        var warm = SamplingDriver.run(kernel, x0, 2, key.fold("warm-up"));
        long t0 = System.nanoTime();
        var result = SamplingDriver.run(kernel, warm.finalState(), steps, key.fold("run"), false, null);
        double seconds = (System.nanoTime() - t0) / 1e9 / steps;
        double[][] x = result.finalState().position().castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] truth = exact.sampleExact(EXACT, key.fold("truth")).castTo(DataType.DOUBLE).toDoubleMatrix();
        return new double[] {seconds, Mmd.squared(x, truth, BANDWIDTH)};
    }

    @Override
    public String description() {
        return "ULA/MALA/HMC on the 8-mode ring mixture vs torch_samplers_2d.py";
    }
}
