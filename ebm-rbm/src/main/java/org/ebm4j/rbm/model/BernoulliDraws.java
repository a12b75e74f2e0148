package org.ebm4j.rbm.model;

import org.ebm4j.api.random.RandomKey;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Independent Bernoulli draws for a whole array of probabilities in one native operation. */
public final class BernoulliDraws {

    private BernoulliDraws() {
    }

    /**
     * Replaces each probability p by 1 with probability p and by 0 otherwise: with u ~ U(0, 1), x = step(p − u).
     *
     * @param probabilities entries in [0, 1], overwritten with the draws
     * @return {@code probabilities}, now holding 0/1 values
     */
    public static INDArray sampleInPlace(INDArray probabilities, RandomKey key) {
        return sampleInPlace(probabilities, key, Nd4j.createUninitialized(probabilities.dataType(),
                probabilities.shape()));
    }

    /**
     * As {@link #sampleInPlace(INDArray, RandomKey)}, drawing the uniforms into a caller's work array (so a hot loop
     * allocates nothing); the draws are the same for the same key.
     *
     * @param probabilities entries in [0, 1], overwritten with the draws
     * @param uniforms work array of the same shape and data type, overwritten
     * @return {@code probabilities}, now holding 0/1 values
     */
    public static INDArray sampleInPlace(INDArray probabilities, RandomKey key, INDArray uniforms) {
        if (!java.util.Arrays.equals(uniforms.shape(), probabilities.shape())
                || uniforms.dataType() != probabilities.dataType()) {
            throw new IllegalArgumentException("uniforms have shape " + java.util.Arrays.toString(uniforms.shape())
                    + " and type " + uniforms.dataType() + "; expected those of the probabilities, "
                    + java.util.Arrays.toString(probabilities.shape()) + " " + probabilities.dataType());
        }
        INDArray u = uniforms;
        try (Random rng = key.nd4jRandom()) {
            Nd4j.getExecutioner().exec(new UniformDistribution(u, 0, 1), rng);
        } catch (Exception e) {
            throw new IllegalStateException("closing the native random generator failed", e);
        }
        probabilities.subi(u);
        return Transforms.step(probabilities, false);
    }
}
