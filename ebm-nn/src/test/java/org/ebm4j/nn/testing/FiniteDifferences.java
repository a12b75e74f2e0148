package org.ebm4j.nn.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import org.ebm4j.api.energy.ParametricEnergy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Central finite differences in double precision: (f(θ + h) − f(θ − h)) / 2h has error O(h²·f''') + O(ε/h); with
 * h = 1e-5 and ε ≈ 1e-16·|f| both terms are below 1e-8 for these smooth nets, so agreement to 1e-6 relative (plus
 * 1e-9 absolute) checks the analytic gradient.
 */
public final class FiniteDifferences {

    public static final double STEP = 1e-5;

    private FiniteDifferences() {
    }

    /** Checks ∇ₓ Σᵢ Eᵢ at {@code count} random coordinates of {@code x} (double). */
    public static void checkInputGradient(ParametricEnergy energy, INDArray x, int count, long seed) {
        INDArray analytic = energy.energyAndGradient(x).gradient();
        INDArray flat = x.reshape(x.length());
        INDArray gFlat = analytic.reshape(analytic.length());
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < count; k++) {
            long i = random.nextLong(x.length());
            double original = flat.getDouble(i);
            flat.putScalar(i, original + STEP);
            double plus = energy.energy(x).sumNumber().doubleValue();
            flat.putScalar(i, original - STEP);
            double minus = energy.energy(x).sumNumber().doubleValue();
            flat.putScalar(i, original);
            double numeric = (plus - minus) / (2 * STEP);
            assertClose("dE/dx[" + i + "]", gFlat.getDouble(i), numeric);
        }
    }

    /** Checks {@code gradients} = ∇_θ loss at {@code perParameter} random entries of every parameter. */
    public static void checkParameterGradient(ParametricEnergy energy, Map<String, INDArray> gradients,
                                              java.util.function.DoubleSupplier loss, int perParameter, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Map.Entry<String, INDArray> p : energy.parameters().entrySet()) {
            INDArray flat = p.getValue().reshape(p.getValue().length());
            INDArray g = gradients.get(p.getKey());
            assertThat(g.shape()).as(p.getKey()).isEqualTo(p.getValue().shape());
            INDArray gFlat = g.reshape(g.length());
            for (int k = 0; k < perParameter; k++) {
                long i = random.nextLong(flat.length());
                double original = flat.getDouble(i);
                flat.putScalar(i, original + STEP);
                double plus = loss.getAsDouble();
                flat.putScalar(i, original - STEP);
                double minus = loss.getAsDouble();
                flat.putScalar(i, original);
                assertClose("dL/d" + p.getKey() + "[" + i + "]", gFlat.getDouble(i), (plus - minus) / (2 * STEP));
            }
        }
    }

    /** @return U(-1, 1) in double, shape {@code shape}, from {@code seed}. */
    public static INDArray uniform(long seed, long... shape) {
        SplittableRandom random = new SplittableRandom(seed);
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        INDArray flat = a.reshape(a.length());
        for (long i = 0; i < a.length(); i++) {
            flat.putScalar(i, 2 * random.nextDouble() - 1);
        }
        return a;
    }

    private static void assertClose(String what, double analytic, double numeric) {
        double tolerance = 1e-6 * Math.max(Math.abs(analytic), Math.abs(numeric)) + 1e-9;
        assertThat(analytic).as(what + " analytic vs finite difference " + numeric)
                .isCloseTo(numeric, org.assertj.core.data.Offset.offset(tolerance));
    }
}
