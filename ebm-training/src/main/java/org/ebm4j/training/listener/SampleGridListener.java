package org.ebm4j.training.listener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.training.IterationReport;
import org.ebm4j.api.training.TrainingContext;
import org.ebm4j.api.training.TrainingSummary;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.training.image.ImageGrid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every {@code every} iterations, writes the iteration's negative samples (values in [−1, 1]) as a PNG grid
 * {@code DIR/samples-000120.png} of at most {@code maxImages} tiles, and at the end of training the last iteration's,
 * if that one fell between grids.
 */
public final class SampleGridListener implements TrainingListener {

    private final Path directory;
    private final int every;
    private final int maxImages;
    private INDArray lastShown;
    private long lastIteration;

    /**
     * @param directory where the PNGs go
     * @param every interval in iterations, {@code >= 1}
     * @param maxImages tiles per grid, {@code >= 1}
     */
    public SampleGridListener(Path directory, int every, int maxImages) {
        this.directory = directory;
        this.every = Checks.positive("sample_every", every);
        this.maxImages = Checks.positive("max_images", maxImages);
    }

    /** @return the file of iteration {@code iteration}'s grid. */
    public Path fileOf(long iteration) {
        return directory.resolve(String.format(Locale.ROOT, "samples-%06d.png", iteration));
    }

    @Override
    public void onIteration(TrainingContext context, IterationReport report) {
        if (report.negatives() == null) {
            return;
        }
        INDArray x = report.negatives();
        long n = Math.min(maxImages, x.size(0));
        if (report.iteration() % every == 0) {
            write(x.get(NDArrayIndex.interval(0, n)), report.iteration());
            lastShown = null;
        } else {
            // Kept so that a run ending between grids still leaves a picture of its last negatives.
            lastShown = x.get(NDArrayIndex.interval(0, n)).dup();
            lastIteration = report.iteration();
        }
    }

    @Override
    public void onFinish(TrainingContext context, TrainingSummary summary) {
        if (lastShown != null) {
            write(lastShown, lastIteration);
            lastShown = null;
        }
    }

    private void write(INDArray shown, long iteration) {
        try {
            ImageGrid.writePng(shown, ImageGrid.squareColumns(shown.size(0)), fileOf(iteration));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sample grid " + fileOf(iteration), e);
        }
    }
}
