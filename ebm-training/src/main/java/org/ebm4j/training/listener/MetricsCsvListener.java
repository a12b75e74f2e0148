package org.ebm4j.training.listener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.ebm4j.api.training.IterationReport;
import org.ebm4j.api.training.TrainingContext;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingSummary;

/**
 * Writes every iteration's metrics to a CSV file: columns {@code iteration, epoch, learning_rate}, then the metric
 * names of the first iteration in alphabetical order (a later missing value is an empty cell, NaN is {@code NaN}).
 * A resumed run continues the file (see {@link MetricsFile}).
 */
public final class MetricsCsvListener implements TrainingListener {

    private final MetricsFile file;
    private List<String> columns;

    /** @param file the CSV file (parent directories are created) */
    public MetricsCsvListener(Path file) {
        this.file = new MetricsFile(file);
    }

    @Override
    public void onStart(TrainingContext context) {
        List<String> kept = file.open(context.startIteration(), MetricsCsvListener::iterationOf);
        columns = kept.isEmpty() ? null : new ArrayList<>(Arrays.asList(kept.get(0).split(",")).subList(3,
                kept.get(0).split(",").length));
    }

    private static long iterationOf(String line) {
        String first = line.substring(0, Math.max(0, line.indexOf(',')));
        try {
            return Long.parseLong(first);
        } catch (NumberFormatException e) {
            return -1; // the header
        }
    }

    @Override
    public void onIteration(TrainingContext context, IterationReport report) {
        if (columns == null) {
            columns = new ArrayList<>(new TreeSet<>(report.metrics().keySet()));
            file.writeLine("iteration,epoch,learning_rate," + String.join(",", columns));
        }
        StringBuilder row = new StringBuilder();
        row.append(report.iteration()).append(',').append(report.epoch()).append(',')
                .append(format(report.learningRate()));
        for (String c : columns) {
            Double v = report.metrics().get(c);
            row.append(',').append(v == null ? "" : format(v));
        }
        file.writeLine(row.toString());
    }

    static String format(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.9g", v);
    }

    @Override
    public void onFinish(TrainingContext context, TrainingSummary summary) {
        file.close();
    }
}
