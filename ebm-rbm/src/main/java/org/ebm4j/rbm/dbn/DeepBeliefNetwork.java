package org.ebm4j.rbm.dbn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.io.TensorArchive;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.rbm.gibbs.BlockGibbsKernel;
import org.ebm4j.rbm.gibbs.GibbsState;
import org.ebm4j.rbm.model.BernoulliDraws;
import org.ebm4j.rbm.model.BernoulliRbm;
import org.ebm4j.rbm.training.RbmTraining;
import org.ebm4j.training.data.InMemoryDataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A deep belief network (Hinton, Osindero &amp; Teh 2006): a stack of Bernoulli RBMs trained greedily, layer ℓ on the
 * hidden activations of layer ℓ − 1. The top RBM is an undirected associative memory; the layers below act as a
 * directed generative model p(v | h¹) p(h¹ | h²) … .
 *
 * <ul>
 *   <li>{@link #trainGreedy}: each layer is trained by the shared trainer (CD-k or PCD) and its input to the next layer
 *       is E[h | v] (mean-field activations, the usual practical choice);</li>
 *   <li>{@link #features}: the deterministic up pass, E[h^L | …E[h¹ | v]];</li>
 *   <li>{@link #sample}: block Gibbs in the top RBM, then one down pass through the generative weights, returning
 *       E[v | h¹] of the bottom layer.</li>
 * </ul>
 */
public final class DeepBeliefNetwork {

    public static final String MODEL_NAME = "deep-belief-network";

    private final List<BernoulliRbm> layers;

    /** @param layers bottom first; layer ℓ's hidden units are layer ℓ+1's visible units */
    public DeepBeliefNetwork(List<BernoulliRbm> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("layers is empty; expected at least one RBM");
        }
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).visibleUnits() != layers.get(l - 1).hiddenUnits()) {
                throw new IllegalArgumentException("layer " + l + " has " + layers.get(l).visibleUnits()
                        + " visible units; expected layer " + (l - 1) + "'s " + layers.get(l - 1).hiddenUnits()
                        + " hidden units");
            }
        }
        this.layers = List.copyOf(layers);
    }

    /**
     * Greedy layer-wise training.
     *
     * @param data binary rows, shape {@code [n, V]}
     * @param hiddenSizes units of each hidden layer, bottom first
     * @param settings CD/PCD settings used for every layer (layer ℓ uses seed + ℓ)
     * @param listener receives every layer's training events, or null
     */
    public static DeepBeliefNetwork trainGreedy(INDArray data, int[] hiddenSizes, RbmTraining.Settings settings,
                                                TrainingListener listener) {
        if (hiddenSizes == null || hiddenSizes.length == 0) {
            throw new IllegalArgumentException("hiddenSizes is empty; expected one size per hidden layer");
        }
        List<BernoulliRbm> layers = new ArrayList<>();
        INDArray input = data;
        for (int l = 0; l < hiddenSizes.length; l++) {
            Checks.positive("hiddenSizes[" + l + "]", hiddenSizes[l]);
            RandomKey key = RandomKey.of(settings.seed()).fold("layer").fold(l);
            BernoulliRbm rbm = BernoulliRbm.random((int) input.size(1), hiddenSizes[l], 0.01, data.dataType(), key);
            rbm.initVisibleBiasFromData(input);
            RbmTraining.Settings layerSettings = settings.withSeed(settings.seed() + l);
            var trainer = RbmTraining.trainer(rbm, new InMemoryDataset("dbn-layer-" + l, input, null), layerSettings);
            if (listener != null) {
                trainer.addListener(listener);
            }
            trainer.train();
            layers.add(rbm);
            input = rbm.hiddenMean(input, 1.0);
        }
        return new DeepBeliefNetwork(layers);
    }

    public List<BernoulliRbm> layers() {
        return layers;
    }

    /**
     * @param visible shape {@code [n, V]}
     * @return top-layer activations E[h^L | …], shape {@code [n, H_L]}
     */
    public INDArray features(INDArray visible) {
        INDArray x = visible;
        for (BernoulliRbm rbm : layers) {
            x = rbm.hiddenMean(x, 1.0);
        }
        return x;
    }

    /**
     * Draws from the DBN's generative model.
     *
     * @param n number of samples
     * @param gibbsSteps block Gibbs steps in the top RBM, {@code >= 1}
     * @return E[v | h¹] of the bottom layer after the down pass, shape {@code [n, V]}
     */
    public INDArray sample(int n, int gibbsSteps, RandomKey key) {
        Checks.positive("n", n);
        Checks.positive("gibbsSteps", gibbsSteps);
        BernoulliRbm top = layers.get(layers.size() - 1);
        INDArray start = BernoulliDraws.sampleInPlace(Nd4j.zeros(top.dataType(), n, top.visibleUnits()).addi(0.5),
                key.fold("start"));
        GibbsState state = SamplingDriver.run(new BlockGibbsKernel(top), start, gibbsSteps, key.fold("top"))
                .finalState();
        INDArray h = state.position();
        for (int l = layers.size() - 2; l >= 0; l--) {
            INDArray mean = layers.get(l).visibleMean(h, 1.0);
            h = l == 0 ? mean : BernoulliDraws.sampleInPlace(mean, key.fold("down").fold(l));
        }
        return layers.size() == 1 ? top.visibleMean(state.hidden(), 1.0) : h;
    }

    /** Writes every layer's W, b_visible, b_hidden as {@code layer<i>/NAME} into one {@link TensorArchive}. */
    public void save(Path file) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (int l = 0; l < layers.size(); l++) {
            int layer = l;
            layers.get(l).parameters().forEach((k, v) -> arrays.put("layer" + layer + "/" + k, v));
        }
        TensorArchive.write(file, Map.of("model", MODEL_NAME, "layers", Integer.toString(layers.size())), arrays);
    }

    /** Reads an archive written by {@link #save}. */
    public static DeepBeliefNetwork load(Path file) throws IOException {
        TensorArchive.Contents c = TensorArchive.read(file);
        if (!MODEL_NAME.equals(c.metadata().get("model"))) {
            throw new IOException(file + " holds model '" + c.metadata().get("model") + "'; expected " + MODEL_NAME);
        }
        int count = Integer.parseInt(c.meta("layers"));
        List<BernoulliRbm> layers = new ArrayList<>();
        for (int l = 0; l < count; l++) {
            layers.add(new BernoulliRbm(c.array("layer" + l + "/W"), c.array("layer" + l + "/b_visible"),
                    c.array("layer" + l + "/b_hidden")));
        }
        return new DeepBeliefNetwork(layers);
    }
}
