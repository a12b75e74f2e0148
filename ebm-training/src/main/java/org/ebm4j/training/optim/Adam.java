package org.ebm4j.training.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.config.Checks;
import org.ebm4j.api.training.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma &amp; Ba 2015) with bias correction, as in PyTorch's {@code torch.optim.Adam}:
 *
 * <pre>
 * m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²
 * θ ← θ − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)
 * </pre>
 *
 * The reference EBM recipe uses lr 1e-4, β₁ = 0, β₂ = 0.999, ε = 1e-8. Optional decoupled weight decay (AdamW) is
 * off by default.
 */
public final class Adam implements Optimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Map<String, INDArray> firstMoment = new LinkedHashMap<>();
    private final Map<String, INDArray> secondMoment = new LinkedHashMap<>();
    private long step;

    public Adam(double beta1, double beta2, double epsilon, double weightDecay) {
        this.beta1 = Checks.inRange("beta1", beta1, 0, 0.999999);
        this.beta2 = Checks.inRange("beta2", beta2, 0, 0.999999);
        this.epsilon = Checks.positive("epsilon", epsilon);
        this.weightDecay = Checks.nonNegative("weight_decay", weightDecay);
    }

    @Override
    public void update(Map<String, INDArray> parameters, Map<String, INDArray> gradients, double learningRate) {
        Checks.nonNegative("learning rate", learningRate);
        step++;
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
            String name = e.getKey();
            INDArray theta = e.getValue();
            INDArray g = OptimizerSupport.gradientFor(name, theta, gradients);
            INDArray m = firstMoment.computeIfAbsent(name, k -> Nd4j.zerosLike(theta));
            INDArray v = secondMoment.computeIfAbsent(name, k -> Nd4j.zerosLike(theta));
            m.muli(beta1).addi(g.mul(1 - beta1));
            v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
            INDArray denom = Transforms.sqrt(v.div(c2), false).addi(epsilon);
            if (weightDecay > 0) {
                theta.muli(1 - learningRate * weightDecay);
            }
            theta.subi(m.div(denom).muli(learningRate / c1));
        }
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        s.put("step", Nd4j.scalar(step));
        firstMoment.forEach((k, v) -> s.put("m/" + k, v.dup()));
        secondMoment.forEach((k, v) -> s.put("v/" + k, v.dup()));
        return s;
    }

    @Override
    public void restore(Map<String, INDArray> state) {
        step = OptimizerSupport.scalarStep(state);
        firstMoment.clear();
        secondMoment.clear();
        state.forEach((k, v) -> {
            if (k.startsWith("m/")) {
                firstMoment.put(k.substring(2), v.dup());
            } else if (k.startsWith("v/")) {
                secondMoment.put(k.substring(2), v.dup());
            }
        });
    }
}
