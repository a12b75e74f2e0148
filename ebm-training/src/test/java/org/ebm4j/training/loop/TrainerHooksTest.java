package org.ebm4j.training.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.ebm4j.api.energy.ParametricEnergy;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.training.ObjectiveResult;
import org.ebm4j.api.training.TrainingSummary;
import org.ebm4j.training.buffer.KernelStateBuffer;
import org.ebm4j.training.checkpoint.TrainingCheckpoint;
import org.ebm4j.training.data.InMemoryDataset;
import org.ebm4j.training.objective.ContrastiveDivergence;
import org.ebm4j.training.objective.StatefulObjective;
import org.ebm4j.training.optim.Adam;
import org.ebm4j.training.testing.DiagonalGaussianEnergy;
import org.ebm4j.training.testing.ExactGaussianKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The trainer's optional hooks: a buffer that keeps the kernel's whole state, an objective with state. */
class TrainerHooksTest {

    /** Keeps the exact kernel's state; its step count shows whether the trainer continued or re-initialised it. */
    static final class KeptState implements KernelStateBuffer {
        ExactGaussianKernel.State state;
        int resumes;

        @Override
        public SamplerState resume(SamplingKernel<?> kernel, int n, RandomKey key) {
            resumes++;
            if (state == null) {
                state = ((ExactGaussianKernel) kernel).init(Nd4j.zeros(DataType.DOUBLE, n, 2));
            }
            return state;
        }

        @Override
        public void keep(SamplerState advanced) {
            state = (ExactGaussianKernel.State) advanced;
        }

        @Override
        public Map<String, Double> metrics() {
            return Map.of("kept_steps", (double) state.step());
        }

        @Override
        public INDArray draw(int n, RandomKey key) {
            throw new AssertionError("a KernelStateBuffer is resumed, not drawn from");
        }

        @Override
        public void add(INDArray samples) {
            throw new AssertionError("a KernelStateBuffer keeps states, not samples");
        }

        @Override
        public int size() {
            return state == null ? 0 : (int) state.position().size(0);
        }

        @Override
        public int capacity() {
            return 256;
        }

        @Override
        public INDArray snapshot() {
            return state == null ? Nd4j.create(DataType.DOUBLE, 0, 2) : state.position().dup();
        }

        @Override
        public void restore(INDArray samples) {
            state = new ExactGaussianKernel.State(samples.dup(), 0);
        }
    }

    /** Counts evaluations; the count is its checkpointed state. */
    static final class CountingObjective implements StatefulObjective, org.ebm4j.api.training.Objective {
        private final ContrastiveDivergence cd = new ContrastiveDivergence(0);
        double evaluations;

        @Override
        public ObjectiveResult evaluate(ParametricEnergy model, INDArray positive, INDArray negative) {
            evaluations++;
            return cd.evaluate(model, positive, negative);
        }

        @Override
        public Map<String, INDArray> state() {
            return Map.of("evaluations", Nd4j.scalar(evaluations).reshape(1));
        }

        @Override
        public void restore(Map<String, INDArray> state) {
            evaluations = state.get("evaluations").getDouble(0);
        }
    }

    @Test
    void kernelStateBufferIsContinuedAndStatefulObjectiveIsCheckpointed(@TempDir Path dir) throws Exception {
        InMemoryDataset data = EbmTrainerTest.gaussianData();
        TrainerConfig cfg = EbmTrainerTest.config(2).withChainStart(TrainerConfig.ChainStart.BUFFER)
                .withSamplingSteps(3);
        DiagonalGaussianEnergy model = new DiagonalGaussianEnergy(2);
        KeptState buffer = new KeptState();
        CountingObjective objective = new CountingObjective();
        EbmTrainer trainer = EbmTrainer.builder().model(model).data(data).sampler(new ExactGaussianKernel(model))
                .buffer(buffer).objective(objective).optimizer(new Adam(0.9, 0.999, 1e-8, 0)).config(cfg).build();
        TrainingSummary summary = trainer.train();

        // 2 epochs x 8 updates x 3 steps, never re-initialised
        assertThat(buffer.resumes).isEqualTo(16);
        assertThat(buffer.state.step()).isEqualTo(48);
        assertThat(summary.finalMetrics()).containsEntry("kept_steps", 48.0);

        Path file = dir.resolve("hooks.ckpt");
        trainer.writeCheckpoint(file);
        TrainingCheckpoint saved = TrainingCheckpoint.read(file);
        assertThat(saved.objectiveState().get("evaluations").getDouble(0)).isEqualTo(16.0);
        CountingObjective restored = new CountingObjective();
        DiagonalGaussianEnergy other = new DiagonalGaussianEnergy(2);
        EbmTrainer.builder().model(other).data(data).sampler(new ExactGaussianKernel(other)).buffer(new KeptState())
                .objective(restored).optimizer(new Adam(0.9, 0.999, 1e-8, 0)).config(cfg).build().restore(saved);
        assertThat(restored.evaluations).isEqualTo(16.0);
    }
}
