package org.ebm4j.training.listener;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A line-per-iteration metrics file that survives resumes: when a run resumes after iteration t, rows of iterations
 * after t (written after the last checkpoint by the interrupted process) are dropped and new rows are appended, so the
 * file reads as one uninterrupted run. Every row is flushed, so a crash loses nothing that was reported.
 */
final class MetricsFile implements AutoCloseable {

    private final Path file;
    private BufferedWriter writer;

    MetricsFile(Path file) {
        this.file = file;
    }

    /**
     * Opens the file: fresh for a new run, truncated after {@code startIteration} for a resumed one.
     *
     * @param iterationOf the iteration of a data row, or −1 for a header row (always kept)
     * @return the kept lines (empty for a fresh run)
     */
    List<String> open(long startIteration, ToLongFunction<String> iterationOf) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            List<String> kept = new ArrayList<>();
            if (startIteration > 0 && Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && iterationOf.applyAsLong(line) <= startIteration) {
                        kept.add(line);
                    }
                }
            }
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            for (String line : kept) {
                writer.write(line);
                writer.newLine();
            }
            writer.flush();
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open metrics file " + file, e);
        }
    }

    void writeLine(String line) {
        try {
            writer.write(line);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics file " + file, e);
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close metrics file " + file, e);
            } finally {
                writer = null;
            }
        }
    }
}
