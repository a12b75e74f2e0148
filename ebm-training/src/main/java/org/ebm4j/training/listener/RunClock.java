package org.ebm4j.training.listener;

import java.util.Locale;
import java.util.function.LongSupplier;
import org.ebm4j.api.training.TrainingContext;

/**
 * Rate and ETA of a run: iterations per second since this process's part of the run began, and the time the
 * remaining iterations take at that rate.
 */
final class RunClock {

    private final LongSupplier nanos;
    private long startNanos;
    private long startIteration;

    RunClock(LongSupplier nanos) {
        this.nanos = nanos;
    }

    void start(TrainingContext context) {
        startNanos = nanos.getAsLong();
        startIteration = context.startIteration();
    }

    /** @return iterations per second so far, NaN before the first. */
    double rate(long iteration) {
        double seconds = (nanos.getAsLong() - startNanos) / 1e9;
        long done = iteration - startIteration;
        return done > 0 && seconds > 0 ? done / seconds : Double.NaN;
    }

    /** @return the estimated seconds left, NaN if unknown. */
    double etaSeconds(TrainingContext context, long iteration) {
        double rate = rate(iteration);
        return Double.isFinite(rate) ? (context.totalIterations() - iteration) / rate : Double.NaN;
    }

    /** @return seconds as "1h02m", "3m07s" or "12s" ("?" if unknown). */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }

    /** @return a compact number: 4 significant digits, scientific outside [1e-3, 1e5). */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
