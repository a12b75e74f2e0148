package org.ebm4j.bench.cli;

import java.io.PrintWriter;
import org.ebm4j.bench.environment.NativePlatform;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ebm} command line. Subcommands are the public interface that users script against: their names are
 * stable; options are added freely.
 */
@Command(name = "ebm", mixinStandardHelpOptions = true, versionProvider = EbmCommand.VersionProvider.class,
        description = "Energy-based models on the JVM: sample, train, evaluate and benchmark.",
        subcommands = {InfoCommand.class, SampleCommand.class, TrainCommand.class, GenerateCommand.class,
                OodCommand.class, TrainRbmCommand.class, EvalRbmCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class EbmCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.setOut(new QuietStdout(System.out));
        System.exit(execute(args));
    }

    /**
     * Standard output without SameDiff 1.0.0-M2.1's debugging line "Added differentiated op …", which it prints with
     * {@code System.out.println} once per op whenever it builds a gradient graph.
     */
    static final class QuietStdout extends java.io.PrintStream {
        QuietStdout(java.io.PrintStream out) {
            super(out, true);
        }

        @Override
        public void println(String line) {
            if (line == null || !line.startsWith("Added differentiated op ")) {
                super.println(line);
            }
        }
    }

    /** Runs the command line and returns the exit code (0 success, 2 bad input, 1 other failure). */
    public static int execute(String... args) {
        NativePlatform.selectNativeBinaries();
        return commandLine().execute(args);
    }

    /** @return the configured picocli command line (tests call this with their own writers). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new EbmCommand());
        cl.setExecutionExceptionHandler(EbmCommand::handleFailure);
        return cl;
    }

    // Bad input is the user's to fix: one clear line, no stack trace. Anything else keeps its trace.
    private static int handleFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof IllegalArgumentException || e instanceof java.io.IOException) {
            err.println("ebm " + cl.getCommandName() + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        e.printStackTrace(err);
        err.flush();
        return 1;
    }

    /** Reports the ebm4j and ND4J versions for {@code ebm --version}. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            var build = NativePlatform.buildProperties();
            return new String[] {"ebm4j " + build.getProperty("version", "unknown") + " (ND4J "
                    + build.getProperty("nd4j.version", "unknown") + ", " + build.getProperty("nd4j.classifier", "")
                    + ")"};
        }
    }
}
