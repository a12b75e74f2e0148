package org.ebm4j.training.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.training.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stochastic gradient descent with classical momentum and L2 weight decay, as used for RBMs (Hinton 2010, "A
 * practical guide to training RBMs"): {@code u ← μu − lr(g + λθ); θ ← θ + u}.
 */
public final class Sgd implements Optimizer {

    private final double momentum;
    private final double weightDecay;
    private final Map<String, INDArray> velocity = new LinkedHashMap<>();
    private long step;

    public Sgd(double momentum, double weightDecay) {
        this.momentum = Checks.inRange("momentum", momentum, 0, 0.999999);
        this.weightDecay = Checks.nonNegative("weight_decay", weightDecay);
    }

    @Override
    public void update(Map<String, INDArray> parameters, Map<String, INDArray> gradients, double learningRate) {
        Checks.nonNegative("learning rate", learningRate);
        step++;
        for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
            INDArray theta = e.getValue();
            INDArray g = OptimizerSupport.gradientFor(e.getKey(), theta, gradients);
            INDArray u = velocity.computeIfAbsent(e.getKey(), k -> Nd4j.zerosLike(theta));
            // in place with BLAS axpy: no temporary arrays of the parameter's size
            Level1 blas = Nd4j.getBlasWrapper().level1();
            if (momentum == 0) {
                Nd4j.exec(new ScalarMultiplication(g, null, u, -learningRate));
            } else {
                u.muli(momentum);
                blas.axpy(u.length(), -learningRate, g, u);
            }
            if (weightDecay > 0) {
                blas.axpy(u.length(), -learningRate * weightDecay, theta, u);
            }
            blas.axpy(theta.length(), 1.0, u, theta);
        }
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        s.put("step", Nd4j.scalar(step));
        velocity.forEach((k, v) -> s.put("u/" + k, v.dup()));
        return s;
    }

    @Override
    public void restore(Map<String, INDArray> state) {
        step = OptimizerSupport.scalarStep(state);
        velocity.clear();
        state.forEach((k, v) -> {
            if (k.startsWith("u/")) {
                velocity.put(k.substring(2), v.dup());
            }
        });
    }
}
