package org.ebm4j.training.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.ebm4j.api.config.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Pictures of chains over sampling steps: a strip (one row per chain, one column per recorded step, left to right) and
 * an animated GIF (one frame per recorded step, each a grid of all chains), written with ImageIO's GIF writer and the
 * GIF89a graphic-control (frame delay) and NETSCAPE2.0 (loop forever) extensions.
 */
public final class ChainAnimation {

    private ChainAnimation() {
    }

    /**
     * @param length the number of recorded steps
     * @param frames how many evenly spaced steps to show (the last step always included), {@code >= 1}
     * @return indices into {@code trajectory}
     */
    public static int[] evenlySpaced(int length, int frames) {
        Checks.positive("trajectory length", length);
        int k = Math.min(Checks.positive("frames", frames), length);
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            idx[i] = k == 1 ? length - 1 : (int) Math.round((double) i * (length - 1) / (k - 1));
        }
        return idx;
    }

    /**
     * A strip: row r shows chain r at the selected steps.
     *
     * @param trajectory positions after successive steps, each {@code [n, ...]}
     * @param chains how many chains (rows), at most n
     * @param steps which trajectory entries (columns)
     */
    public static BufferedImage strip(List<INDArray> trajectory, int chains, int[] steps) {
        if (trajectory.isEmpty()) {
            throw new IllegalArgumentException("trajectory is empty; expected at least one step");
        }
        int n = (int) Math.min(Checks.positive("chains", chains), trajectory.get(0).size(0));
        List<INDArray> tiles = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            for (int s : steps) {
                INDArray x = ImageGrid.asImages(trajectory.get(s));
                tiles.add(x.get(NDArrayIndex.interval(r, r + 1)));
            }
        }
        return ImageGrid.tile(Nd4j.concat(0, tiles.toArray(new INDArray[0])), steps.length, -1, 1);
    }

    /**
     * Writes an animated GIF, looping forever.
     *
     * @param frames the frames, all of one size
     * @param delayMillis time per frame (GIF stores hundredths of a second)
     */
    public static Path writeGif(List<BufferedImage> frames, int delayMillis, Path file) throws IOException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("frames is empty; expected at least one frame");
        }
        Checks.positive("delay_millis", delayMillis);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("no GIF writer in this Java runtime");
        }
        ImageWriter writer = writers.next();
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames.size(); i++) {
                BufferedImage frame = frames.get(i);
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame),
                        null);
                annotate(meta, delayMillis, i == 0);
                writer.writeToSequence(new IIOImage(frame, null, meta), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return file;
    }

    private static void annotate(IIOMetadata meta, int delayMillis, boolean first) throws IOException {
        String format = meta.getNativeMetadataFormatName(); // javax_imageio_gif_image_1.0
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(Math.max(1, delayMillis / 10)));
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1, loop count 0 = forever
            apps.appendChild(loop);
        }
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
