package org.ebm4j.api.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TensorArchiveTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsArraysAndMetadataExactly() throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("conv1/W", Nd4j.rand(DataType.FLOAT, 5, 5, 1, 16));
        arrays.put("b", Nd4j.linspace(DataType.DOUBLE, 0, 1, 7));
        arrays.put("counts", Nd4j.createFromArray(3L, 4L));
        Path file = dir.resolve("model.ebm");
        TensorArchive.write(file, Map.of("architecture", "conv-swish c=32", "step", "17"), arrays);

        TensorArchive.Contents back = TensorArchive.read(file);
        assertThat(back.meta("architecture")).isEqualTo("conv-swish c=32");
        assertThat(back.meta("format_version")).isEqualTo("1");
        assertThat(back.arrays().keySet()).containsExactly("conv1/W", "b", "counts");
        for (String name : arrays.keySet()) {
            assertThat(back.array(name)).isEqualTo(arrays.get(name));
            assertThat(back.array(name).dataType()).isEqualTo(arrays.get(name).dataType());
        }
        assertThat(Files.list(dir)).containsExactly(file); // no temporary file left behind
    }

    @Test
    void missingEntriesAndForeignFilesFailClearly() throws IOException {
        Path file = dir.resolve("a.ebm");
        TensorArchive.write(file, Map.of(), Map.of("x", Nd4j.ones(2)));
        TensorArchive.Contents c = TensorArchive.read(file);
        assertThatThrownBy(() -> c.array("y")).hasMessage("archive has no array 'y'; it has [x]");

        Path text = dir.resolve("not-an-archive.ebm");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> TensorArchive.read(text)).isInstanceOf(IOException.class)
                .hasMessageContaining("is not an ebm4j-tensor-archive");
        assertThatThrownBy(() -> TensorArchive.read(dir.resolve("missing.ebm")))
                .hasMessageContaining("no such file");
    }

    @Test
    void rejectsUnsafeArrayNames() {
        assertThatThrownBy(() -> TensorArchive.write(dir.resolve("b.ebm"), Map.of(), Map.of("a b", Nd4j.ones(1))))
                .hasMessageContaining("array name 'a b'");
    }
}
