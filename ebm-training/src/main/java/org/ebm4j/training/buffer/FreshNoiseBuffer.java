package org.ebm4j.training.buffer;

import org.ebm4j.api.config.Checks;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.training.ReplayBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** No replay: every chain starts from fresh U(low, high) noise and nothing is stored (short-run EBMs, Nijkamp 2019). */
public final class FreshNoiseBuffer implements ReplayBuffer {

    private final NoiseSource noise;

    /**
     * @param sampleShape shape of one state
     * @param low lower bound of the noise
     * @param high upper bound of the noise
     * @param dataType element type
     */
    public FreshNoiseBuffer(long[] sampleShape, double low, double high, DataType dataType) {
        this.noise = new NoiseSource(sampleShape, low, high, dataType);
    }

    @Override
    public INDArray draw(int n, RandomKey key) {
        return noise.uniform(Checks.positive("n", n), key.fold("fresh"));
    }

    @Override
    public void add(INDArray samples) {
        noise.checkSamples("none", samples);
    }

    @Override
    public int size() {
        return 0;
    }

    @Override
    public int capacity() {
        return 0;
    }

    @Override
    public INDArray snapshot() {
        return org.nd4j.linalg.factory.Nd4j.create(noise.dataType(), noise.batchShape(0));
    }

    @Override
    public void restore(INDArray samples) {
        noise.checkSamples("none", samples);
    }
}
