package org.ebm4j.nn.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.ebm4j.nn.architecture.ConvSwish;
import org.ebm4j.nn.architecture.MlpSwish;
import org.ebm4j.nn.samediff.SameDiffEnergy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TorchConvSwishWeightsTest {

    @Test
    void convWeightLayoutIsPermutedElementByElement() {
        // handcrafted [out=3, in=2, kh=2, kw=4] with value = 1000 o + 100 i + 10 kh + kw
        INDArray torch = Nd4j.create(DataType.FLOAT, 3, 2, 2, 4);
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 2; i++) {
                for (int kh = 0; kh < 2; kh++) {
                    for (int kw = 0; kw < 4; kw++) {
                        torch.putScalar(new long[] {o, i, kh, kw}, 1000 * o + 100 * i + 10 * kh + kw);
                    }
                }
            }
        }
        INDArray sd = TorchConvSwishWeights.convWeight(torch);
        assertThat(sd.shape()).containsExactly(2, 4, 2, 3);
        assertThat(sd.ordering()).isEqualTo('c');
        assertThat(sd.getDouble(1, 3, 0, 2)).isEqualTo(2013);
        assertThat(sd.getDouble(0, 2, 1, 1)).isEqualTo(1102);
        INDArray dense = TorchConvSwishWeights.denseWeight(Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}}));
        assertThat(dense).isEqualTo(Nd4j.createFromArray(new float[][] {{1, 4}, {2, 5}, {3, 6}}));
    }

    @Test
    void importedReferenceNetGivesMinusTheReferenceOutput() throws Exception {
        // Fixture written by: scripts/export_torch_weights.py --hidden 4 --seed 0 --probe 3 (torch 1.13)
        Path dir = Path.of(getClass().getResource("/torch-conv-swish-c4/0.weight.npy").toURI()).getParent();
        SameDiffEnergy energy = ConvSwish.create(new ConvSwish.Config(4, 1, 28, 28, 0, DataType.FLOAT));
        TorchConvSwishWeights.load(energy, dir);
        INDArray x = Nd4j.createFromNpyFile(dir.resolve("probe_x.npy").toFile());
        INDArray score = Nd4j.createFromNpyFile(dir.resolve("probe_score.npy").toFile());
        INDArray e = energy.energy(x);
        for (int i = 0; i < 3; i++) {
            assertThat(e.getDouble(i)).isCloseTo(-score.getDouble(i), org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void wrongTargetsFailClearly() throws Exception {
        Path dir = Path.of(getClass().getResource("/torch-conv-swish-c4/0.weight.npy").toURI()).getParent();
        SameDiffEnergy wider = ConvSwish.create(new ConvSwish.Config(8, 1, 28, 28, 0, DataType.FLOAT));
        assertThatThrownBy(() -> TorchConvSwishWeights.load(wider, dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conv1.weight")
                .hasMessageContaining("[5, 5, 1, 2]").hasMessageContaining("[5, 5, 1, 4]");
        SameDiffEnergy mlp = MlpSwish.create(new MlpSwish.Config(784, List.of(4), 0, DataType.FLOAT));
        assertThatThrownBy(() -> TorchConvSwishWeights.load(mlp, dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mlp-swish'");
    }
}
