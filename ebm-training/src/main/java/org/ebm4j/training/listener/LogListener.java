package org.ebm4j.training.listener;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.training.IterationReport;
import org.ebm4j.api.training.TrainingContext;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingSummary;

/**
 * Writes one line every {@code every} iterations (and at the end of each epoch and of the run):
 *
 * <pre>epoch 1/3 iter 120/1404 (8.5%) loss=-0.0123 cd=-0.0456 reg=0.3325 e_pos=-0.1 e_neg=0.05 grad_norm=0.0921
 *   lr=1.000e-04 | 2.31 it/s, ETA 9m16s</pre>
 */
public final class LogListener implements TrainingListener {

    /** The metrics shown, in order, when present. */
    static final List<String> SHOWN = List.of("loss", "cd", "reg", "e_pos", "e_neg", "grad_norm", "acceptance",
            "buffer_size");

    private final Consumer<String> sink;
    private final int every;
    private final RunClock clock;
    private IterationReport last;

    /**
     * @param sink where lines go (a logger, a {@code PrintStream::println})
     * @param every log every this many iterations, {@code >= 1}
     */
    public LogListener(Consumer<String> sink, int every) {
        this(sink, every, System::nanoTime);
    }

    LogListener(Consumer<String> sink, int every, LongSupplier nanos) {
        this.sink = sink;
        this.every = Checks.positive("log_every", every);
        this.clock = new RunClock(nanos);
    }

    @Override
    public void onStart(TrainingContext context) {
        clock.start(context);
        sink.accept(String.format(Locale.ROOT, "training %s: %d epochs x %d iterations%s", context.model().architecture(),
                context.epochs(), context.iterationsPerEpoch(),
                context.startIteration() > 0 ? ", resuming after iteration " + context.startIteration() : ""));
    }

    @Override
    public void onIteration(TrainingContext context, IterationReport report) {
        last = report;
        if (report.iteration() % every == 0 || report.iteration() == context.totalIterations()) {
            sink.accept(line(context, report, clock));
        }
    }

    @Override
    public void onEpochEnd(TrainingContext context, int epoch) {
        if (last != null && last.iteration() % every != 0 && last.iteration() != context.totalIterations()) {
            sink.accept(line(context, last, clock));
        }
    }

    @Override
    public void onFinish(TrainingContext context, TrainingSummary summary) {
        sink.accept(String.format(Locale.ROOT, "%s after %d iterations in %s%s",
                summary.completed() ? "finished" : "stopped", summary.iterations(), RunClock.duration(summary.seconds()),
                summary.completed() ? "" : ": " + summary.stopReason()));
    }

    /** @return the log line of {@code report}. */
    static String line(TrainingContext context, IterationReport report, RunClock clock) {
        StringBuilder s = new StringBuilder();
        long total = context.totalIterations();
        s.append(String.format(Locale.ROOT, "epoch %d/%d iter %d/%d (%.1f%%)", report.epoch() + 1, context.epochs(),
                report.iteration(), total, 100.0 * report.iteration() / total));
        appendMetrics(s, report.metrics());
        s.append(" lr=").append(String.format(Locale.ROOT, "%.3e", report.learningRate()));
        double rate = clock.rate(report.iteration());
        s.append(String.format(Locale.ROOT, " | %s it/s, ETA %s", RunClock.number(rate),
                RunClock.duration(clock.etaSeconds(context, report.iteration()))));
        return s.toString();
    }

    static void appendMetrics(StringBuilder s, Map<String, Double> metrics) {
        for (String key : SHOWN) {
            Double v = metrics.get(key);
            if (v != null && !(key.equals("acceptance") && v.isNaN())) {
                s.append(' ').append(key).append('=').append(RunClock.number(v));
            }
        }
    }
}
