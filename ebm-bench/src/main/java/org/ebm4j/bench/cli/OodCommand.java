package org.ebm4j.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.energy.ParametricEnergy;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.ebm4j.bench.training.Component;
import org.ebm4j.bench.training.TrainingRun;
import org.ebm4j.bench.training.TrainingSpec;
import org.ebm4j.training.checkpoint.TrainingCheckpoint;
import org.ebm4j.training.evaluation.Auroc;
import org.ebm4j.training.image.ImageGrid;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ebm ood}: how well a trained energy separates its test data from out-of-distribution inputs. Energies of the
 * first N test images are compared with those of uniform noise (over the data's range), the same images mirrored
 * left–right and rotated by 90°, and, with {@code --idx DIR}, the test images of another MNIST-format set
 * (Fashion-MNIST). AUROC treats the outliers as positives scored by energy (1 = every outlier has higher energy than
 * every test image). Writes OUT/ood.csv and OUT/energy-histograms.png.
 */
@Command(name = "ood", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Out-of-distribution detection by energy: AUROC table and energy histograms.")
public final class OodCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "checkpoint written by ebm train")
    Path checkpoint;

    @Option(names = "--data", paramLabel = "DIR", description = "in-distribution data directory (default: the one trained on)")
    Path data;

    @Option(names = "--idx", paramLabel = "DIR", description = "an MNIST-format set (e.g. Fashion-MNIST) as another outlier set")
    Path idx;

    @Option(names = "--n", defaultValue = "1000", description = "images per set (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--batch", defaultValue = "256", description = "energy evaluation batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: ood/ beside the checkpoint)")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the noise set (default: ${DEFAULT-VALUE})")
    long seed;

    /** One evaluated set. */
    record Scored(String name, double[] energies, double auroc) {
    }

    @Override
    public Integer call() throws IOException {
        org.ebm4j.api.config.Checks.positive("--n", n);
        org.ebm4j.api.config.Checks.positive("--batch", batch);
        ComponentRegistry registry = ComponentRegistry.discover();
        TrainingCheckpoint ckpt = TrainingCheckpoint.read(checkpoint);
        ParametricEnergy model = TrainingRun.loadModel(registry, ckpt);
        Component trained = TrainingSpec.recorded("dataset", ckpt.metadata());
        Component test = (trained != null ? trained : Component.of("mnist")).with("split", "test").with("limit", n);
        if (data != null) {
            test = test.with("dir", data);
        }
        Dataset inDistribution = registry.datasets().get(test.name()).open(test.config("dataset"));
        INDArray x = inDistribution.allFeatures();
        double[] reference = energies(model, x);

        Map<String, INDArray> outliers = new LinkedHashMap<>();
        outliers.put("uniform noise", noise(x, RandomKey.of(seed)));
        outliers.put("mirrored", transform(x, false));
        outliers.put("rotated 90", transform(x, true));
        if (idx != null) {
            Component other = new Component("idx", test.options()).with("dir", idx).with("split", "test");
            Map<String, String> otherOptions = new LinkedHashMap<>(other.options());
            otherOptions.keySet().retainAll(List.of("dir", "split", "limit", "scale", "flatten", "dtype"));
            other = new Component("idx", otherOptions);
            outliers.put("idx " + idx.getFileName(),
                    registry.datasets().get("idx").open(other.config("dataset")).allFeatures());
        }
        List<Scored> scored = new ArrayList<>();
        scored.add(new Scored(inDistribution.name(), reference, Double.NaN));
        for (Map.Entry<String, INDArray> e : outliers.entrySet()) {
            double[] energy = energies(model, e.getValue());
            scored.add(new Scored(e.getKey(), energy, Auroc.of(energy, reference)));
        }
        Path dir = out != null ? out : checkpoint.toAbsolutePath().getParent().resolve("ood");
        Files.createDirectories(dir);
        report(scored, dir);
        histograms(scored, dir.resolve("energy-histograms.png"));
        return 0;
    }

    private void report(List<Scored> scored, Path dir) throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        StringBuilder csv = new StringBuilder("set,n,mean_energy,std_energy,auroc\n");
        console.printf(Locale.ROOT, "%-22s %6s %12s %10s %7s%n", "set", "n", "mean energy", "std", "AUROC");
        for (Scored s : scored) {
            double mean = Arrays.stream(s.energies()).average().orElse(Double.NaN);
            double var = Arrays.stream(s.energies()).map(e -> (e - mean) * (e - mean)).sum()
                    / Math.max(1, s.energies().length - 1);
            String auroc = Double.isNaN(s.auroc()) ? "-" : String.format(Locale.ROOT, "%.4f", s.auroc());
            console.printf(Locale.ROOT, "%-22s %6d %12.5g %10.4g %7s%n", s.name(), s.energies().length, mean,
                    Math.sqrt(var), auroc);
            csv.append(String.format(Locale.ROOT, "%s,%d,%.9g,%.9g,%s%n", s.name(), s.energies().length, mean,
                    Math.sqrt(var), Double.isNaN(s.auroc()) ? "" : String.format(Locale.ROOT, "%.6f", s.auroc())));
        }
        Files.writeString(dir.resolve("ood.csv"), csv, StandardCharsets.UTF_8);
        console.println("wrote ood.csv and energy-histograms.png in " + dir);
        console.flush();
    }

    private static void histograms(List<Scored> scored, Path file) throws IOException {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Scored s : scored) {
            for (double e : s.energies()) {
                min = Math.min(min, e);
                max = Math.max(max, e);
            }
        }
        if (!(max > min)) {
            max = min + 1;
        }
        XYChart chart = new XYChartBuilder().width(900).height(520).title("Energy by set")
                .xAxisTitle("energy E(x)").yAxisTitle("fraction of the set").build();
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisDecimalPattern("0.###");
        for (Scored s : scored) {
            List<Double> values = new ArrayList<>(s.energies().length);
            for (double e : s.energies()) {
                values.add(e);
            }
            Histogram h = new Histogram(values, 40, min, max);
            List<Double> fractions = new ArrayList<>();
            for (Double count : h.getyAxisData()) {
                fractions.add(count / s.energies().length);
            }
            String label = Double.isNaN(s.auroc()) ? s.name()
                    : String.format(Locale.ROOT, "%s (AUROC %.3f)", s.name(), s.auroc());
            chart.addSeries(label, h.getxAxisData(), fractions).setMarker(SeriesMarkers.NONE);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private double[] energies(ParametricEnergy model, INDArray x) {
        long size = x.size(0);
        double[] out = new double[(int) size];
        for (long from = 0; from < size; from += batch) {
            long to = Math.min(size, from + batch);
            double[] e = model.energy(x.get(NDArrayIndex.interval(from, to))).castTo(
                    org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
            System.arraycopy(e, 0, out, (int) from, e.length);
        }
        return out;
    }

    /** @return U(min, max) noise of the shape of {@code x}, over the range of {@code x}'s values. */
    private static INDArray noise(INDArray x, RandomKey key) {
        double low = x.minNumber().doubleValue();
        double high = x.maxNumber().doubleValue();
        INDArray u = Nd4j.createUninitialized(x.dataType(), x.shape());
        try (Random rng = key.nd4jRandom()) {
            Nd4j.getExecutioner().exec(new UniformDistribution(u, low, high > low ? high : low + 1), rng);
        } catch (Exception e) {
            throw new IllegalStateException("closing the native random generator failed", e);
        }
        return u;
    }

    /** @return the images mirrored left–right, or rotated by 90° counter-clockwise (180° if not square). */
    static INDArray transform(INDArray x, boolean rotate) {
        INDArray images = ImageGrid.asImages(x);
        long[] s = images.shape();
        int count = (int) (s[0] * s[1]);
        int h = (int) s[2];
        int w = (int) s[3];
        double[] v = images.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
        double[] t = new double[v.length];
        for (int i = 0; i < count; i++) {
            int base = i * h * w;
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int target;
                    if (!rotate) {
                        target = r * w + (w - 1 - c);
                    } else if (h == w) {
                        target = (w - 1 - c) * w + r; // (r, c) -> (w-1-c, r)
                    } else {
                        target = (h - 1 - r) * w + (w - 1 - c);
                    }
                    t[base + target] = v[base + r * w + c];
                }
            }
        }
        return Nd4j.create(t, x.shape(), org.nd4j.linalg.api.buffer.DataType.DOUBLE).castTo(x.dataType());
    }
}
