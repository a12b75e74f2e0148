package org.ebm4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.training.ObjectiveResult;
import org.ebm4j.rbm.gibbs.BlockGibbsKernel;
import org.ebm4j.rbm.gibbs.GibbsState;
import org.ebm4j.rbm.model.BernoulliDraws;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.training.objective.ContrastiveDivergence;
import org.ebm4j.training.optim.Sgd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One PCD-1 iteration of the MNIST-sized Bernoulli RBM of {@code rbm-pcd} (784 visible, float, lr 0.05) as the
 * trainer runs it: a block-Gibbs step of the persistent chains, the CD gradient of data and chains, and the SGD
 * update; and the first two alone. The data are Bernoulli(0.13) pixels, the density of binarised MNIST.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RbmPcdBenchmark {

    @Param({"100"})
    public int batch;

    @Param({"500"})
    public int hidden;

    private BernoulliRbm rbm;
    private BlockGibbsKernel kernel;
    private ContrastiveDivergence objective;
    private Sgd sgd;
    private INDArray data;
    private GibbsState chains;
    private long step;

    @Setup(Level.Trial)
    public void setUp() {
        rbm = BernoulliRbm.random(784, hidden, 0.01, DataType.FLOAT, RandomKey.of(0));
        data = BernoulliDraws.sampleInPlace(Nd4j.valueArrayOf(new long[] {batch, 784}, 0.13f), RandomKey.of(1));
        rbm.initVisibleBiasFromData(data);
        kernel = new BlockGibbsKernel(rbm);
        objective = new ContrastiveDivergence(0.0);
        sgd = new Sgd(0.0, 0.0);
        chains = kernel.init(BernoulliDraws.sampleInPlace(Nd4j.valueArrayOf(new long[] {batch, 784}, 0.5f),
                RandomKey.of(2)));
    }

    @Benchmark
    public GibbsState gibbsStep() {
        chains = kernel.step(RandomKey.of(3).fold(step++), kernel.init(chains.position())).state();
        return chains;
    }

    @Benchmark
    public ObjectiveResult contrastiveGradient() {
        return objective.evaluate(rbm, data, chains.position());
    }

    @Benchmark
    public GibbsState pcdIteration() {
        gibbsStep();
        ObjectiveResult r = objective.evaluate(rbm, data, chains.position());
        sgd.update(rbm.parameters(), r.gradients(), 0.05);
        return chains;
    }
}
