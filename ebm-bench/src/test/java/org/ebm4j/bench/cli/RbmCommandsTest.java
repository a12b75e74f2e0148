package org.ebm4j.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RbmCommandsTest {

    @Test
    void trainThenEvaluateWithAisAndExactLogZ(@TempDir Path dir) throws Exception {
        InfoCommandTest.Run train = InfoCommandTest.run("train-rbm", "--dataset", "synthetic-binary", "--hidden", "8",
                "--algo", "cd", "--k", "1", "--epochs", "10", "--batch", "20", "--lr", "0.1", "--momentum", "0.5",
                "--sample-steps", "50", "--log-every", "50", "--out", dir.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("epoch 10/10", "updates/s", "eta", "done: 100 updates");
        assertThat(Files.exists(dir.resolve("rbm.zip"))).isTrue();
        assertThat(ImageIO.read(dir.resolve("filters.png").toFile()).getWidth()).isEqualTo(10 * 5 + 1);
        assertThat(ImageIO.read(dir.resolve("samples.png").toFile()).getHeight()).isEqualTo(10 * 5 + 1);

        InfoCommandTest.Run eval = InfoCommandTest.run("eval-rbm", "--model", dir.resolve("rbm.zip").toString(),
                "--dataset", "synthetic-binary", "--ais-runs", "100", "--ais-betas", "500", "--exact",
                "--gibbs-steps", "20");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("AIS 500/500 betas (100%)", "AIS log Z", "pseudo-log-likelihood", "reconstruction error",
                "mean free energy");
        double aisLogLikelihood = number(eval.out(), "test log-likelihood \\(AIS\\) = (-?[0-9.]+)");
        double exactLogLikelihood = number(eval.out(), "test log-likelihood \\(exact\\) = (-?[0-9.]+)");
        assertThat(aisLogLikelihood).isCloseTo(exactLogLikelihood, org.assertj.core.api.Assertions.within(0.2));
        assertThat(exactLogLikelihood).isGreaterThan(-16 * Math.log(2) + 2); // better than uniform
    }

    @Test
    void trainWithParallelTemperingReportsSwapRatesAndRecordsTheTemperatures(@TempDir Path dir) throws Exception {
        InfoCommandTest.Run train = InfoCommandTest.run("train-rbm", "--dataset", "synthetic-binary", "--hidden", "8",
                "--algo", "pt", "--temperatures", "4", "--beta-min", "0.4", "--ladder", "linear", "--epochs", "2",
                "--batch", "20", "--lr", "0.1", "--sparsity-target", "0.2", "--sparsity-cost", "0.1", "--sample-steps", "10",
                "--log-every", "5", "--out", dir.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("pt-1", "betas 1,0.8,0.6,0.4", "swap acceptance per neighbouring pair",
                "done: 20 updates");
        String provenance = Files.readString(dir.resolve("provenance.json"));
        assertThat(provenance).contains("\"rbm_temperatures\" : \"1,0.8,0.6,0.4\"", "rbm_sparsity", "swap_rate_2_3",
                "\"command\" : \"ebm train-rbm");
    }

    @Test
    void badArgumentsGiveOneLineAndExitCodeTwo(@TempDir Path dir) {
        InfoCommandTest.Run r = InfoCommandTest.run("train-rbm", "--dataset", "synthetic-binary", "--algo", "xyz",
                "--out", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--algo = 'xyz'; expected cd, pcd or pt");
        InfoCommandTest.Run t = InfoCommandTest.run("train-rbm", "--dataset", "synthetic-binary", "--algo", "pt",
                "--temperatures", "1", "--out", dir.toString());
        assertThat(t.exitCode()).isEqualTo(2);
        assertThat(t.err()).contains("--temperatures = 1; expected at least 2");
        InfoCommandTest.Run m = InfoCommandTest.run("train-rbm", "--dataset", "synthetic-binary", "--algo", "pt",
                "--beta-min", "1.5", "--out", dir.toString());
        assertThat(m.exitCode()).isEqualTo(2);
        assertThat(m.err()).contains("--beta-min = 1.5");
        InfoCommandTest.Run e = InfoCommandTest.run("eval-rbm", "--npy-dir", dir.toString(), "--dataset",
                "synthetic-binary");
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.err()).contains("W.npy");
        InfoCommandTest.Run b = InfoCommandTest.run("eval-rbm", "--model", "x.zip", "--dataset", "synthetic-binary",
                "--ais-betas", "1");
        assertThat(b.exitCode()).isEqualTo(2);
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
