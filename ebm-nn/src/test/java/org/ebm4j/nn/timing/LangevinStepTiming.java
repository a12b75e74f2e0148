package org.ebm4j.nn.timing;

import java.util.Locale;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.nn.architecture.ConvSwish;
import org.ebm4j.nn.direct.DirectGradientEnergy;
import org.ebm4j.nn.samediff.SameDiffEnergy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Seconds per Langevin step of the conv-swish energy (c = 32, batch 128, float32), the same step as the PyTorch
 * reference's {@code torch_conv_ebm.py sample}: x += N(0, 0.005²), clamp to [−1, 1], g = ∇ₓE, clamp g to ±0.03,
 * x −= 10·g, clamp. Prints one JSON line per energy implementation. Not a unit test: run it on a quiet machine with
 *
 * <pre>OMP_NUM_THREADS=2 ./mvnw -B -o -q -pl ebm-nn -am verify -Dtest=LangevinStepTiming -Dtest.excludedGroups= \
 *     -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * and compare with {@code OMP_NUM_THREADS=2 /usr/bin/python3 torch_conv_ebm.py sample --threads 2} or, for CPU time
 * as well, {@code OMP_NUM_THREADS=2 /usr/bin/python3 ebm-nn/scripts/torch_langevin_timing.py --baselines DIR}.
 * {@code cpu_seconds_per_step} is the process's CPU time (all threads) over the timed steps.
 */
@Tag("slow")
class LangevinStepTiming {

    static final int BATCH = 128;
    static final int STEPS = Integer.getInteger("timing.steps", 30);

    @Test
    void secondsPerLangevinStep() {
        SameDiffEnergy sameDiff = ConvSwish.create(ConvSwish.Config.mnist(42));
        DirectGradientEnergy direct = new DirectGradientEnergy(sameDiff, DirectGradientEnergy.Convolutions.ND4J);
        DirectGradientEnergy oneDnn = new DirectGradientEnergy(sameDiff, DirectGradientEnergy.Convolutions.ONEDNN);
        INDArray probe = Nd4j.rand(DataType.FLOAT, BATCH, 1, 28, 28);
        long t = System.nanoTime();
        sameDiff.energyAndGradient(probe);
        System.out.printf(Locale.ROOT, "{\"impl\": \"ebm4j-samediff\", \"seconds_first_call\": %.3f}%n",
                (System.nanoTime() - t) / 1e9);
        for (int round = 0; round < 2; round++) {  // interleaved, so both see the same machine load
            report("samediff", sameDiff);
            report("direct", direct);
            report("direct-onednn", oneDnn);
        }
    }

    /** Seconds per fused CD loss + parameter gradients (128 data + 128 model samples), the training step's graph part. */
    @Test
    void secondsPerContrastiveGradient() {
        SameDiffEnergy energy = ConvSwish.create(ConvSwish.Config.mnist(42));
        INDArray positive = Nd4j.rand(DataType.FLOAT, BATCH, 1, 28, 28).muli(2).subi(1);
        INDArray negative = Nd4j.rand(DataType.FLOAT, BATCH, 1, 28, 28).muli(2).subi(1);
        for (int i = 0; i < 3; i++) {
            energy.contrastiveGradient(positive, negative, 0.1);
        }
        int calls = 10;
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            energy.contrastiveGradient(positive, negative, 0.1);
        }
        System.out.printf(Locale.ROOT, "{\"impl\": \"ebm4j-samediff\", \"op\": \"contrastive_gradient\", \"batch\": \"%d+%d\","
                        + " \"seconds_per_call\": %.5f, \"cpu_seconds_per_call\": %.5f}%n", BATCH, BATCH,
                (System.nanoTime() - start) / 1e9 / calls, (processCpuNanos() - cpu) / 1e9 / calls);
    }

    static void report(String impl, EnergyFunction energy) {
        double[] parts = new double[2];
        double perStep = time(energy, parts);
        double cpuPerStep = parts[1];
        System.out.printf(Locale.ROOT, "{\"impl\": \"ebm4j-%s\", \"threads\": \"%s\", \"batch\": %d, \"steps\": %d,"
                        + " \"seconds_per_step\": %.5f, \"seconds_energy_and_gradient\": %.5f,"
                        + " \"cpu_seconds_per_step\": %.5f}%n", impl,
                System.getenv().getOrDefault("OMP_NUM_THREADS", "default"), BATCH, STEPS, perStep, parts[0],
                cpuPerStep);
    }

    /** CPU time of the whole process (JVM and native OpenMP threads), less sensitive to other jobs than wall time. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** @param parts receives seconds in E and ∇ₓE per step, and process CPU seconds per step */
    static double time(EnergyFunction energy, double[] parts) {
        RandomKey key = RandomKey.of(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, 1, 28, 28).muli(2).subi(1);
        INDArray noise = Nd4j.create(DataType.FLOAT, x.shape());
        INDArray e = Nd4j.create(DataType.FLOAT, BATCH);
        INDArray g = Nd4j.create(DataType.FLOAT, x.shape());
        try (Random rng = key.nd4jRandom()) {
            for (int i = 0; i < 3; i++) {
                step(energy, x, noise, e, g, rng);
            }
            long gradNanos = 0;
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < STEPS; i++) {
                gradNanos += step(energy, x, noise, e, g, rng);
            }
            long wall = System.nanoTime() - start;
            parts[0] = gradNanos / 1e9 / STEPS;
            parts[1] = (processCpuNanos() - cpu) / 1e9 / STEPS;
            return wall / 1e9 / STEPS;
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** @return nanoseconds spent in energy and gradient. */
    private static long step(EnergyFunction energy, INDArray x, INDArray noise, INDArray e, INDArray g, Random rng) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(noise, 0, 0.005), rng);
        x.addi(noise);
        Transforms.min(Transforms.max(x, -1.0, false), 1.0, false);
        long t = System.nanoTime();
        energy.energyAndGradient(x, e, g);
        long spent = System.nanoTime() - t;
        Transforms.min(Transforms.max(g, -0.03, false), 0.03, false);
        x.subi(g.muli(10.0));
        Transforms.min(Transforms.max(x, -1.0, false), 1.0, false);
        return spent;
    }
}
