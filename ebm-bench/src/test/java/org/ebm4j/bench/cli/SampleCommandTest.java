package org.ebm4j.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.ebm4j.api.io.TensorArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCommandTest {

    @Test
    void samplesTheRingMixturePrintsDiagnosticsAndWritesThePicture(@TempDir Path dir) throws Exception {
        InfoCommandTest.Run r = InfoCommandTest.run("sample", "--energy", "ring-mixture", "--sampler", "mala",
                "--chains", "200", "--steps", "120", "--seed", "3", "--set", "step-size=0.02", "--out",
                dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("R̂", "R-hat", "ESS bulk", "ESS tail", "MCSE", "acceptance after burn-in",
                "MMD^2", "sliced W2", "gradient evaluations/s", "log Z (exact)");
        Path png = dir.resolve("samples.png");
        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(100);
        assertThat(TensorArchive.read(dir.resolve("samples.zip")).arrays().get("samples").shape())
                .containsExactly(200, 2);
    }

    @Test
    void unadjustedSamplerOnAGaussianOfHigherDimension(@TempDir Path dir) {
        InfoCommandTest.Run r = InfoCommandTest.run("sample", "--energy", "gaussian", "--energy-set", "dim=5",
                "--sampler", "ula", "--chains", "50", "--steps", "40", "--mmd-bandwidth", "0.5", "--out", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("acceptance: none", "x4", "given bandwidth 0.5").doesNotContain("x5 ");
        assertThat(dir.resolve("samples.png")).exists();
    }

    @Test
    void unknownNamesAndBadSettingsFailWithExitCode2AndAClearMessage(@TempDir Path dir) {
        InfoCommandTest.Run r = InfoCommandTest.run("sample", "--energy", "ring-mixture", "--sampler", "no-such",
                "--out", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown sampler 'no-such'", "mala", "hmc");
        r = InfoCommandTest.run("sample", "--energy", "ring-mixture", "--sampler", "mala", "--set", "step-size=-1",
                "--chains", "10", "--steps", "10", "--out", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("step-size", "-1");
        assertThat(Files.exists(dir.resolve("samples.png"))).isFalse();
    }
}
