package org.ebm4j.rbm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.ebm4j.api.random.RandomKey;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BernoulliDrawsTest {

    @Test
    void drawsWithAWorkArrayEqualThoseThatAllocateAndHaveTheRightMean() {
        int n = 200;
        int d = 100;
        INDArray p = Nd4j.valueArrayOf(new long[] {n, d}, 0.3f);
        INDArray allocating = BernoulliDraws.sampleInPlace(p.dup(), RandomKey.of(4));
        INDArray uniforms = Nd4j.create(DataType.FLOAT, n, d);
        INDArray reusing = BernoulliDraws.sampleInPlace(p.dup(), RandomKey.of(4), uniforms);
        assertThat(reusing).isEqualTo(allocating);
        assertThat(reusing.mul(reusing.rsub(1)).sumNumber().doubleValue()).isZero(); // binary
        double standardError = Math.sqrt(0.3 * 0.7 / (n * d));
        assertThat(reusing.meanNumber().doubleValue()).isCloseTo(0.3, within(5 * standardError));
        // the work array may be reused: the next key gives fresh draws
        INDArray next = BernoulliDraws.sampleInPlace(p.dup(), RandomKey.of(5), uniforms);
        assertThat(next).isNotEqualTo(reusing);
    }

    @Test
    void certainEventsAreCertain() {
        INDArray uniforms = Nd4j.create(DataType.FLOAT, 50, 40);
        assertThat(BernoulliDraws.sampleInPlace(Nd4j.zeros(DataType.FLOAT, 50, 40), RandomKey.of(1), uniforms)
                .sumNumber().doubleValue()).isZero();
        assertThat(BernoulliDraws.sampleInPlace(Nd4j.ones(DataType.FLOAT, 50, 40), RandomKey.of(2), uniforms)
                .sumNumber().doubleValue()).isEqualTo(2000);
    }

    @Test
    void aWorkArrayOfAnotherShapeOrTypeIsRejected() {
        INDArray p = Nd4j.valueArrayOf(new long[] {3, 4}, 0.5f);
        assertThatThrownBy(() -> BernoulliDraws.sampleInPlace(p, RandomKey.of(1), Nd4j.create(DataType.FLOAT, 4, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uniforms have shape [4, 3]");
        assertThatThrownBy(() -> BernoulliDraws.sampleInPlace(p, RandomKey.of(1), Nd4j.create(DataType.DOUBLE, 3, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DOUBLE");
    }
}
