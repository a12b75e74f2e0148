package org.ebm4j.sampling.diagnostics;

import org.ebm4j.api.config.Checks;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.api.sampling.StepInfo;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link SamplingDriver.StepListener} that records the first few coordinates of every chain after a burn-in, as
 * {@code draws[coordinate][chain][iteration]} for {@link ChainDiagnostics}. Memory: coordinates × chains × kept steps
 * doubles.
 */
public final class ChainRecorder implements SamplingDriver.StepListener {

    private final int burnIn;
    private final int coordinates;
    private final double[][][] draws;
    private int recorded;

    /**
     * @param chains number of chains n
     * @param totalSteps steps the run will make
     * @param burnIn steps to skip before recording, {@code < totalSteps}
     * @param coordinates how many leading coordinates of each state to record, {@code >= 1}
     */
    public ChainRecorder(int chains, int totalSteps, int burnIn, int coordinates) {
        Checks.positive("chains", chains);
        Checks.positive("coordinates", coordinates);
        Checks.inRange("burn-in", burnIn, 0, totalSteps - 1);
        this.burnIn = burnIn;
        this.coordinates = coordinates;
        this.draws = new double[coordinates][chains][totalSteps - burnIn];
    }

    @Override
    public boolean onStep(SamplerState state, StepInfo info) {
        if (info.step() > burnIn && recorded < draws[0][0].length) {
            INDArray x = state.position();
            INDArray rows = x.reshape('c', x.size(0), x.length() / x.size(0));
            double[] values = rows.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.interval(0, coordinates))
                    .castTo(DataType.DOUBLE).dup('c').data().asDouble();
            int chains = draws[0].length;
            for (int m = 0; m < chains; m++) {
                for (int c = 0; c < coordinates; c++) {
                    draws[c][m][recorded] = values[m * coordinates + c];
                }
            }
            recorded++;
        }
        return true;
    }

    /** @return draws[coordinate][chain][iteration] of the recorded iterations (a copy trimmed to those recorded). */
    public double[][][] draws() {
        double[][][] out = new double[coordinates][draws[0].length][];
        for (int c = 0; c < coordinates; c++) {
            for (int m = 0; m < draws[0].length; m++) {
                out[c][m] = java.util.Arrays.copyOf(draws[c][m], recorded);
            }
        }
        return out;
    }

    /** @return the number of iterations recorded. */
    public int recorded() {
        return recorded;
    }
}
