package org.ebm4j.training.listener;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.ebm4j.api.training.IterationReport;
import org.ebm4j.api.training.TrainingContext;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingSummary;

/**
 * Writes every iteration as one JSON object per line:
 * {@code {"iteration":12,"epoch":0,"learning_rate":1.0E-4,"cd":-0.01,...}}, metrics in alphabetical order, NaN and
 * infinities as {@code null} (JSON has no such numbers). A resumed run continues the file (see {@link MetricsFile}).
 */
public final class MetricsJsonLinesListener implements TrainingListener {

    private static final String PREFIX = "{\"iteration\":";

    private final MetricsFile file;

    /** @param file the {@code .jsonl} file (parent directories are created) */
    public MetricsJsonLinesListener(Path file) {
        this.file = new MetricsFile(file);
    }

    @Override
    public void onStart(TrainingContext context) {
        file.open(context.startIteration(), line -> {
            int end = line.indexOf(',');
            return line.startsWith(PREFIX) && end > 0 ? Long.parseLong(line.substring(PREFIX.length(), end))
                    : Long.MAX_VALUE;
        });
    }

    @Override
    public void onIteration(TrainingContext context, IterationReport report) {
        StringBuilder s = new StringBuilder(PREFIX).append(report.iteration())
                .append(",\"epoch\":").append(report.epoch())
                .append(",\"learning_rate\":").append(number(report.learningRate()));
        for (Map.Entry<String, Double> m : new TreeMap<>(report.metrics()).entrySet()) {
            s.append(",\"").append(escape(m.getKey())).append("\":").append(number(m.getValue()));
        }
        file.writeLine(s.append('}').toString());
    }

    @Override
    public void onFinish(TrainingContext context, TrainingSummary summary) {
        file.close();
    }

    static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    static String escape(String key) {
        StringBuilder s = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
