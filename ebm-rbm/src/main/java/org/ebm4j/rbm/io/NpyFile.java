package org.ebm4j.rbm.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads NumPy {@code .npy} files (format versions 1–3) of float64, float32, int64, int32 or uint8 in either byte
 * order, honouring {@code fortran_order}. ND4J's own reader ({@code Nd4j.createNpyFromByteArray}) ignores
 * {@code fortran_order}, and scikit-learn's {@code components_} is saved Fortran-ordered, so its matrices come back
 * scrambled; this reader returns them as NumPy shows them. Floating-point files keep their type, integer files
 * become DOUBLE.
 */
public final class NpyFile {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFile() {
    }

    /**
     * @throws IOException if the file is missing, not a .npy file, or of an unsupported element type
     */
    public static INDArray read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes.length <= 10 || bytes[i] != MAGIC[i]) {
                throw new IOException(file + " is not a .npy file (no \\x93NUMPY magic)");
            }
        }
        int major = bytes[6];
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort(8)) : buf.getInt(8);
        int dataStart = (major == 1 ? 10 : 12) + headerLength;
        String header = new String(bytes, major == 1 ? 10 : 12, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IOException(file + ": unreadable .npy header " + header.trim());
        }
        long[] shape = parseShape(s.group(1));
        long count = 1;
        for (long dim : shape) {
            count *= dim;
        }
        ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String kind = d.group(2) + d.group(3);
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice().order(order);
        INDArray flat = switch (kind) {
            case "f8" -> Nd4j.create(doubles(data, count, 8, ByteBuffer::getDouble), new long[] {count}, DataType.DOUBLE);
            case "f4" -> Nd4j.create(floats(data, count), new long[] {count}, DataType.FLOAT);
            case "i8" -> Nd4j.create(doubles(data, count, 8, (b, i) -> b.getLong(i)), new long[] {count}, DataType.DOUBLE);
            case "i4" -> Nd4j.create(doubles(data, count, 4, (b, i) -> b.getInt(i)), new long[] {count}, DataType.DOUBLE);
            case "u1" -> Nd4j.create(doubles(data, count, 1, (b, i) -> Byte.toUnsignedInt(b.get(i))),
                    new long[] {count}, DataType.DOUBLE);
            default -> throw new IOException(file + ": element type '" + d.group(0) + "'; expected f8, f4, i8, i4 or u1");
        };
        if (shape.length == 0) {
            return flat.reshape(new long[0]);
        }
        boolean fortran = f.group(1).equals("True");
        return fortran ? flat.reshape('f', shape).dup('c') : flat.reshape('c', shape);
    }

    private interface Element {
        double get(ByteBuffer buffer, int index);
    }

    private static double[] doubles(ByteBuffer data, long count, int width, Element element) throws IOException {
        checkSize(data, count, width);
        double[] out = new double[(int) count];
        for (int i = 0; i < count; i++) {
            out[i] = element.get(data, i * width);
        }
        return out;
    }

    private static float[] floats(ByteBuffer data, long count) throws IOException {
        checkSize(data, count, 4);
        float[] out = new float[(int) count];
        for (int i = 0; i < count; i++) {
            out[i] = data.getFloat(i * 4);
        }
        return out;
    }

    private static void checkSize(ByteBuffer data, long count, int width) throws IOException {
        if (count * width > data.remaining() || count > Integer.MAX_VALUE / 8) {
            throw new IOException(".npy data has " + data.remaining() + " bytes; the header promises " + count
                    + " elements of " + width + " bytes");
        }
    }

    private static long[] parseShape(String text) {
        String[] parts = text.split(",");
        return java.util.Arrays.stream(parts).map(String::trim).filter(p -> !p.isEmpty())
                .mapToLong(Long::parseLong).toArray();
    }
}
