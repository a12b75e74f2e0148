package org.ebm4j.bench.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.ebm4j.api.energy.EnergyFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws 2-D samples as dots over the target density: a heat map of p ∝ exp(−E) on a grid with iso-density contour
 * lines (marching squares) at 5%, 20%, 50% and 80% of the maximum. For targets of higher dimension only the first two
 * coordinates are scattered, without density. XChart has no contour plot, hence Java2D.
 */
public final class DensityScatterPlot {

    private static final int SIZE = 720;
    private static final int MARGIN = 60;
    private static final int GRID = 180;
    private static final double[] CONTOUR_LEVELS = {0.05, 0.2, 0.5, 0.8};
    private static final Color[] COLORMAP = {new Color(13, 8, 135), new Color(84, 2, 163), new Color(139, 10, 165),
        new Color(185, 50, 137), new Color(219, 92, 104), new Color(244, 136, 73), new Color(254, 188, 43),
        new Color(240, 249, 33)};

    private DensityScatterPlot() {
    }

    /**
     * @param samples points {@code [n][d]}, d ≥ 2 (only the first two coordinates are drawn)
     * @param energy the target, whose density is drawn when its dimension is 2; may be null
     * @param title a line above the plot
     * @param file the PNG to write (parent directories are created)
     */
    public static void write(double[][] samples, EnergyFunction energy, String title, Path file) throws IOException {
        if (samples.length == 0 || samples[0].length < 2) {
            throw new IllegalArgumentException("samples have " + samples.length + " points of dimension "
                    + (samples.length == 0 ? 0 : samples[0].length) + "; expected at least one point of dimension >= 2");
        }
        double[] xRange = range(samples, 0);
        double[] yRange = range(samples, 1);
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, SIZE, SIZE);
        int plot = SIZE - 2 * MARGIN;
        if (energy != null && energy.dimension() == 2) {
            double[][] density = density(energy, xRange, yRange);
            drawHeatMap(g, density, plot);
            drawContours(g, density, plot);
        } else {
            g.setColor(new Color(235, 235, 240));
            g.fillRect(MARGIN, MARGIN, plot, plot);
        }
        drawSamples(g, samples, xRange, yRange, plot);
        drawAxes(g, xRange, yRange, plot, title);
        g.dispose();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /** Bounds of one coordinate: the 0.5% and 99.5% quantiles, widened by 15% on each side. */
    private static double[] range(double[][] samples, int coordinate) {
        double[] v = Arrays.stream(samples).mapToDouble(p -> p[coordinate]).filter(Double::isFinite).sorted()
                .toArray();
        if (v.length == 0) {
            return new double[] {-1, 1};
        }
        double lo = v[(int) Math.floor(0.005 * (v.length - 1))];
        double hi = v[(int) Math.ceil(0.995 * (v.length - 1))];
        double pad = Math.max(0.15 * (hi - lo), 0.5);
        return new double[] {lo - pad, hi + pad};
    }

    /** p/max p on a GRID × GRID lattice of cell centres, row = y index from the bottom. */
    private static double[][] density(EnergyFunction energy, double[] xRange, double[] yRange) {
        double[][] points = new double[GRID * GRID][2];
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                points[j * GRID + i][0] = xRange[0] + (i + 0.5) * (xRange[1] - xRange[0]) / GRID;
                points[j * GRID + i][1] = yRange[0] + (j + 0.5) * (yRange[1] - yRange[0]) / GRID;
            }
        }
        double[] e = energy.energy(Nd4j.createFromArray(points).castTo(DataType.DOUBLE)).castTo(DataType.DOUBLE)
                .toDoubleVector();
        double min = Arrays.stream(e).filter(Double::isFinite).min().orElse(0);
        double[][] p = new double[GRID][GRID];
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                double v = e[j * GRID + i];
                p[j][i] = Double.isFinite(v) ? Math.exp(-(v - min)) : 0;
            }
        }
        return p;
    }

    private static void drawHeatMap(Graphics2D g, double[][] p, int plot) {
        double cell = (double) plot / GRID;
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                // Square root: faint regions stay visible next to the peaks.
                g.setColor(color(Math.sqrt(p[j][i])));
                int x0 = MARGIN + (int) Math.floor(i * cell);
                int x1 = MARGIN + (int) Math.floor((i + 1) * cell);
                int y1 = MARGIN + plot - (int) Math.floor(j * cell);
                int y0 = MARGIN + plot - (int) Math.floor((j + 1) * cell);
                g.fillRect(x0, y0, x1 - x0, y1 - y0);
            }
        }
    }

    /** Marching squares on the cell-centre lattice; saddle cells take one of their two readings. */
    private static void drawContours(Graphics2D g, double[][] p, int plot) {
        double cell = (double) plot / GRID;
        g.setStroke(new BasicStroke(1.2f));
        g.setColor(new Color(255, 255, 255, 170));
        for (double level : CONTOUR_LEVELS) {
            for (int j = 0; j + 1 < GRID; j++) {
                for (int i = 0; i + 1 < GRID; i++) {
                    double[] v = {p[j][i], p[j][i + 1], p[j + 1][i + 1], p[j + 1][i]};
                    double[][] corner = {{i, j}, {i + 1, j}, {i + 1, j + 1}, {i, j + 1}};
                    double[][] crossings = new double[4][];
                    int count = 0;
                    for (int k = 0; k < 4; k++) {
                        double a = v[k];
                        double b = v[(k + 1) % 4];
                        if ((a < level) != (b < level)) {
                            double t = (level - a) / (b - a);
                            double[] c0 = corner[k];
                            double[] c1 = corner[(k + 1) % 4];
                            crossings[count++] = new double[] {c0[0] + t * (c1[0] - c0[0]), c0[1] + t * (c1[1] - c0[1])};
                        }
                    }
                    for (int k = 0; k + 1 < count; k += 2) {
                        g.draw(new Line2D.Double(
                                MARGIN + (crossings[k][0] + 0.5) * cell, MARGIN + plot - (crossings[k][1] + 0.5) * cell,
                                MARGIN + (crossings[k + 1][0] + 0.5) * cell,
                                MARGIN + plot - (crossings[k + 1][1] + 0.5) * cell));
                    }
                }
            }
        }
    }

    private static void drawSamples(Graphics2D g, double[][] samples, double[] xRange, double[] yRange, int plot) {
        int shown = Math.min(samples.length, 3000);
        g.setColor(new Color(255, 255, 255, 200));
        Color edge = new Color(20, 20, 20, 200);
        for (int k = 0; k < shown; k++) {
            double[] s = samples[(int) ((long) k * samples.length / shown)];
            double px = MARGIN + (s[0] - xRange[0]) / (xRange[1] - xRange[0]) * plot;
            double py = MARGIN + plot - (s[1] - yRange[0]) / (yRange[1] - yRange[0]) * plot;
            if (px < MARGIN || px > MARGIN + plot || py < MARGIN || py > MARGIN + plot) {
                continue;
            }
            Ellipse2D dot = new Ellipse2D.Double(px - 2.2, py - 2.2, 4.4, 4.4);
            g.setColor(new Color(255, 255, 255, 210));
            g.fill(dot);
            g.setColor(edge);
            g.setStroke(new BasicStroke(0.6f));
            g.draw(dot);
        }
    }

    private static void drawAxes(Graphics2D g, double[] xRange, double[] yRange, int plot, String title) {
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(MARGIN, MARGIN, plot, plot);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int k = 0; k <= 4; k++) {
            double fx = xRange[0] + k * (xRange[1] - xRange[0]) / 4;
            double fy = yRange[0] + k * (yRange[1] - yRange[0]) / 4;
            int px = MARGIN + k * plot / 4;
            int py = MARGIN + plot - k * plot / 4;
            g.drawLine(px, MARGIN + plot, px, MARGIN + plot + 5);
            g.drawString(String.format("%.2f", fx), px - 14, MARGIN + plot + 20);
            g.drawLine(MARGIN - 5, py, MARGIN, py);
            g.drawString(String.format("%.2f", fy), 8, py + 4);
        }
        g.drawString("x1", MARGIN + plot / 2, SIZE - 12);
        g.drawString("x2", 8, MARGIN - 12);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, MARGIN, MARGIN - 24);
    }

    /** Plasma-like colour map, {@code t} in [0, 1]. */
    private static Color color(double t) {
        double s = Math.max(0, Math.min(1, t)) * (COLORMAP.length - 1);
        int k = Math.min((int) s, COLORMAP.length - 2);
        double f = s - k;
        Color a = COLORMAP[k];
        Color b = COLORMAP[k + 1];
        return new Color((int) (a.getRed() + f * (b.getRed() - a.getRed())),
                (int) (a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) (a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }
}
