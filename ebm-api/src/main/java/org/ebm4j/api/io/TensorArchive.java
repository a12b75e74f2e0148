package org.ebm4j.api.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one file format ebm4j writes for parameters, checkpoints and samples: a ZIP archive holding
 * <ul>
 *   <li>{@code metadata.properties}: UTF-8 {@code key=value} lines, always with {@code format=ebm4j-tensor-archive}
 *       and {@code format_version=1}, plus whatever the writer adds (architecture, step counters, seeds);</li>
 *   <li>{@code arrays/NAME.npy}: one NumPy {@code .npy} file per named array, readable by {@code numpy.load}.</li>
 * </ul>
 * Files are written atomically: to a temporary file in the same directory, then renamed over the target, so a crash
 * never leaves a half-written archive under the final name.
 */
public final class TensorArchive {

    public static final String FORMAT = "ebm4j-tensor-archive";
    public static final int FORMAT_VERSION = 1;
    private static final String METADATA_ENTRY = "metadata.properties";
    private static final String ARRAY_PREFIX = "arrays/";
    private static final String ARRAY_SUFFIX = ".npy";

    private TensorArchive() {
    }

    /**
     * The contents of an archive.
     *
     * @param metadata key to value, including {@code format} and {@code format_version}
     * @param arrays name to array, in the order they were written
     */
    public record Contents(Map<String, String> metadata, Map<String, INDArray> arrays) {

        /**
         * @return the array called {@code name}
         * @throws IllegalArgumentException if absent, listing the names present
         */
        public INDArray array(String name) {
            INDArray a = arrays.get(name);
            if (a == null) {
                throw new IllegalArgumentException("archive has no array '" + name + "'; it has " + arrays.keySet());
            }
            return a;
        }

        /**
         * @return the metadata value of {@code key}
         * @throws IllegalArgumentException if absent
         */
        public String meta(String key) {
            String v = metadata.get(key);
            if (v == null) {
                throw new IllegalArgumentException("archive has no metadata '" + key + "'; it has "
                        + new TreeMap<>(metadata).keySet());
            }
            return v;
        }
    }

    /** Writes {@code metadata} and {@code arrays} to {@code file}, atomically. */
    public static void write(Path file, Map<String, String> metadata, Map<String, INDArray> arrays) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(out, metadata, arrays);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes an archive to a stream (not closed). */
    public static void write(OutputStream stream, Map<String, String> metadata, Map<String, INDArray> arrays)
            throws IOException {
        ZipOutputStream zip = new ZipOutputStream(stream);
        Properties props = new Properties();
        props.putAll(metadata);
        props.setProperty("format", FORMAT);
        props.setProperty("format_version", Integer.toString(FORMAT_VERSION));
        zip.putNextEntry(new ZipEntry(METADATA_ENTRY));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        props.store(new java.io.OutputStreamWriter(text, StandardCharsets.UTF_8), null);
        zip.write(text.toByteArray());
        zip.closeEntry();
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            checkName(e.getKey());
            zip.putNextEntry(new ZipEntry(ARRAY_PREFIX + e.getKey() + ARRAY_SUFFIX));
            zip.write(Nd4j.toNpyByteArray(e.getValue()));
            zip.closeEntry();
        }
        zip.finish();
    }

    /**
     * Reads an archive.
     *
     * @throws IOException if the file is missing, not an archive, or of an unknown format version
     */
    public static Contents read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file: " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads an archive from a stream; {@code source} names it in messages. */
    public static Contents read(InputStream stream, String source) throws IOException {
        Map<String, String> metadata = null;
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        ZipInputStream zip = new ZipInputStream(stream);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            byte[] bytes = zip.readAllBytes();
            String name = entry.getName();
            if (name.equals(METADATA_ENTRY)) {
                Properties props = new Properties();
                props.load(new java.io.InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
                metadata = new TreeMap<>();
                for (String key : props.stringPropertyNames()) {
                    metadata.put(key, props.getProperty(key));
                }
            } else if (name.startsWith(ARRAY_PREFIX) && name.endsWith(ARRAY_SUFFIX)) {
                String arrayName = name.substring(ARRAY_PREFIX.length(), name.length() - ARRAY_SUFFIX.length());
                arrays.put(arrayName, Nd4j.createNpyFromByteArray(bytes));
            }
        }
        if (metadata == null || !FORMAT.equals(metadata.get("format"))) {
            throw new IOException(source + " is not an " + FORMAT + " (no " + METADATA_ENTRY + " with format="
                    + FORMAT + ")");
        }
        String version = metadata.get("format_version");
        if (!Integer.toString(FORMAT_VERSION).equals(version)) {
            throw new IOException(source + " has format_version " + version + "; this ebm4j reads version "
                    + FORMAT_VERSION);
        }
        return new Contents(metadata, arrays);
    }

    private static void checkName(String name) {
        if (name.isEmpty() || !name.matches("[A-Za-z0-9_.\\-/]+")) {
            throw new IllegalArgumentException("array name '" + name
                    + "'; expected letters, digits, '_', '.', '-' or '/'");
        }
    }
}
