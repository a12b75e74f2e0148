package org.ebm4j.nn.samediff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.io.TensorArchive;
import org.ebm4j.nn.NeuralEnergyModule;
import org.ebm4j.nn.architecture.ConvSwish;
import org.ebm4j.nn.architecture.MlpSwish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NeuralEnergyArchiveTest {

    @TempDir
    Path dir;

    @Test
    void saveThenLoadRestoresEnergiesExactly() throws IOException {
        SameDiffEnergy a = ConvSwish.create(new ConvSwish.Config(4, 1, 28, 28, 1, DataType.FLOAT));
        Path file = dir.resolve("conv.zip");
        a.save(file);
        TensorArchive.Contents contents = TensorArchive.read(file);
        assertThat(contents.meta("energy.format")).isEqualTo("ebm4j-samediff-energy");
        assertThat(contents.meta("energy.format_version")).isEqualTo("1");
        assertThat(contents.meta("energy.config.hidden")).isEqualTo("4");
        assertThat(contents.meta("energy.parameter_count")).isEqualTo("1281");
        assertThat(contents.array("conv1.weight").shape()).containsExactly(5, 5, 1, 2);

        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28);
        SameDiffEnergy b = ConvSwish.create(new ConvSwish.Config(4, 1, 28, 28, 2, DataType.FLOAT));
        assertThat(b.energy(x)).isNotEqualTo(a.energy(x));
        b.load(file);
        assertThat(b.energy(x)).isEqualTo(a.energy(x));

        org.ebm4j.api.energy.ParametricEnergy c = NeuralEnergyArchive.load(file, NeuralEnergyModule.factories());
        assertThat(c).isInstanceOf(org.ebm4j.nn.direct.DirectGradientEnergy.class);
        assertThat(c.architecture()).isEqualTo(a.architecture());
        assertThat(c.energy(x)).isEqualTo(a.energy(x));
    }

    @Test
    void loadingAnotherArchitectureNamesBoth() throws IOException {
        Path file = dir.resolve("conv4.zip");
        ConvSwish.create(new ConvSwish.Config(4, 1, 28, 28, 1, DataType.FLOAT)).save(file);
        SameDiffEnergy wider = ConvSwish.create(new ConvSwish.Config(8, 1, 28, 28, 1, DataType.FLOAT));
        assertThatThrownBy(() -> wider.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv5x5/s2/p4→2").hasMessageContaining("conv5x5/s2/p4→4")
                .hasMessageContaining("holds architecture").hasMessageContaining("but this energy is");
        SameDiffEnergy mlp = MlpSwish.create(new MlpSwish.Config(784, List.of(8), 0, DataType.FLOAT));
        assertThatThrownBy(() -> mlp.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv-swish: input[1, 28, 28]").hasMessageContaining("mlp-swish: input[784]");
    }

    @Test
    void otherFilesAndUnknownEnergiesFailClearly() throws IOException {
        Path plain = dir.resolve("plain.zip");
        TensorArchive.write(plain, Map.of("kind", "samples"), Map.of("x", Nd4j.zeros(2)));
        SameDiffEnergy mlp = MlpSwish.create(new MlpSwish.Config(2, List.of(4), 0, DataType.FLOAT));
        assertThatThrownBy(() -> mlp.load(plain)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a ebm4j-samediff-energy file");
        Path future = dir.resolve("future.zip");
        TensorArchive.write(future, Map.of("energy.format", "ebm4j-samediff-energy", "energy.format_version", "9"),
                Map.of());
        assertThatThrownBy(() -> mlp.load(future)).isInstanceOf(IOException.class)
                .hasMessageContaining("energy.format_version 9");
        Path saved = dir.resolve("mlp.zip");
        mlp.save(saved);
        assertThatThrownBy(() -> NeuralEnergyArchive.load(saved, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mlp-swish'")
                .hasMessageContaining("not registered");
    }
}
