package org.ebm4j.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class InfoCommandTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = EbmCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void infoPrintsBackendAndEveryKindOfComponent() {
        Run r = run("info");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("backend", "threads", "binary_simd", "onednn")
                .contains("energies (", "samplers (", "chain initializers (", "replay buffers (", "objectives (",
                        "optimizers (", "datasets (")
                .contains("uniform", "greedy-descent");
    }

    @Test
    void unknownSubcommandFails() {
        Run r = run("no-such-command");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("no-such-command");
    }

    @Test
    void standardOutputDropsOnlySameDiffsDebuggingLines() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        EbmCommand.QuietStdout out = new EbmCommand.QuietStdout(new java.io.PrintStream(bytes, true));
        out.println("Added differentiated op conv2d_1");
        out.println("kept: Added differentiated op");
        org.assertj.core.api.Assertions.assertThat(bytes.toString())
                .isEqualTo("kept: Added differentiated op" + System.lineSeparator());
    }
}
