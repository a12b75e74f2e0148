package org.ebm4j.bench.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The results of a suite run: {@code results.jsonl} in the run directory, one {@link CellResult} per line, appended
 * and forced to disk as each cell finishes, so an interrupted run loses at most the cell in flight. When a cell
 * appears more than once (a failed cell rerun), the last line wins.
 */
public final class ResultStore {

    public static final String FILE = "results.jsonl";
    private final Path file;

    public ResultStore(Path runDirectory) throws IOException {
        Files.createDirectories(runDirectory);
        this.file = runDirectory.resolve(FILE);
    }

    /** Appends one result durably (write, then fsync). Safe to call from several threads. */
    public synchronized void append(CellResult result) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            byte[] line = (Json.canonical().writeValueAsString(result) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("appending to " + file, e);
        }
    }

    /** @return the latest result of every cell, in the order cells first appeared. */
    public List<CellResult> load() throws IOException {
        Map<String, CellResult> latest = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                CellResult r = Json.canonical().readValue(lines.get(i), CellResult.class);
                latest.put(r.cellId(), r);
            } catch (JsonProcessingException e) {
                // A last line cut short by a crash is the only expected damage (that cell reruns); anything else is
                // reported.
                if (i < lines.size() - 1) {
                    throw new IOException(file + " line " + (i + 1) + " is not a cell result: "
                            + e.getOriginalMessage(), e);
                }
            }
        }
        return new ArrayList<>(latest.values());
    }

    /** @return ids of cells that finished successfully (a rerun skips them). */
    public Set<String> finishedIds() throws IOException {
        return load().stream().filter(CellResult::ok).map(CellResult::cellId).collect(Collectors.toSet());
    }

    public Path file() {
        return file;
    }
}
