package org.ebm4j.training.listener;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.training.IterationReport;
import org.ebm4j.api.training.TrainingContext;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingSummary;

/**
 * A progress bar on a terminal, redrawn in place with a carriage return:
 * {@code [#########...........] 42.0% 590/1404 loss=-0.01 e_pos=... | 2.31 it/s ETA 5m52s}. When the output is not a
 * terminal (a file, a pipe, CI), it falls back to a plain {@link LogListener} line every {@code fallbackEvery}
 * iterations, so logs stay readable.
 */
public final class ProgressBarListener implements TrainingListener {

    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L; // at most 10 redraws per second

    private final PrintWriter out;
    private final boolean terminal;
    private final LogListener fallback;
    private final RunClock clock;
    private final LongSupplier nanos;
    private long lastDraw = Long.MIN_VALUE;
    private int lastLength;

    /**
     * @param out where to draw
     * @param terminal whether {@code out} is a terminal (see {@link #isTerminal()})
     * @param fallbackEvery log-line interval when not a terminal, {@code >= 1}
     */
    public ProgressBarListener(PrintWriter out, boolean terminal, int fallbackEvery) {
        this(out, terminal, fallbackEvery, System::nanoTime);
    }

    ProgressBarListener(PrintWriter out, boolean terminal, int fallbackEvery, LongSupplier nanos) {
        this.out = out;
        this.terminal = terminal;
        this.nanos = nanos;
        this.clock = new RunClock(nanos);
        this.fallback = new LogListener(line -> {
            out.println(line);
            out.flush();
        }, Checks.positive("fallback_every", fallbackEvery), nanos);
    }

    /** @return whether standard output is an interactive terminal. */
    public static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try { // JDK 22+: a console exists even when redirected; isTerminal() tells
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public void onStart(TrainingContext context) {
        clock.start(context);
        if (!terminal) {
            fallback.onStart(context);
        }
    }

    @Override
    public void onIteration(TrainingContext context, IterationReport report) {
        if (!terminal) {
            fallback.onIteration(context, report);
            return;
        }
        long now = nanos.getAsLong();
        if (now - lastDraw < REDRAW_NANOS && report.iteration() != context.totalIterations()) {
            return;
        }
        lastDraw = now;
        String bar = bar(context, report);
        // pad with spaces to erase the rest of a longer previous line
        String padded = bar.length() < lastLength ? bar + " ".repeat(lastLength - bar.length()) : bar;
        lastLength = bar.length();
        out.print('\r');
        out.print(padded);
        out.flush();
    }

    @Override
    public void onEpochEnd(TrainingContext context, int epoch) {
        if (!terminal) {
            fallback.onEpochEnd(context, epoch);
        }
    }

    @Override
    public void onFinish(TrainingContext context, TrainingSummary summary) {
        if (!terminal) {
            fallback.onFinish(context, summary);
            return;
        }
        out.println();
        out.flush();
    }

    String bar(TrainingContext context, IterationReport report) {
        long total = context.totalIterations();
        double fraction = Math.min(1, (double) report.iteration() / total);
        int filled = (int) Math.round(fraction * WIDTH);
        StringBuilder s = new StringBuilder("[").append("#".repeat(filled)).append(".".repeat(WIDTH - filled))
                .append(String.format(Locale.ROOT, "] %5.1f%% %d/%d", 100 * fraction, report.iteration(), total));
        LogListener.appendMetrics(s, java.util.Map.of("loss", report.metrics().getOrDefault("loss", Double.NaN),
                "e_pos", report.metrics().getOrDefault("e_pos", Double.NaN),
                "e_neg", report.metrics().getOrDefault("e_neg", Double.NaN)));
        s.append(String.format(Locale.ROOT, " | %s it/s ETA %s", RunClock.number(clock.rate(report.iteration())),
                RunClock.duration(clock.etaSeconds(context, report.iteration()))));
        return s.toString();
    }
}
