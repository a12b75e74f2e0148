package org.ebm4j.training.objective;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An objective that carries state from one iteration to the next (a running average of activations, for example).
 * {@link org.ebm4j.training.loop.EbmTrainer} saves it in checkpoints as arrays {@code objective/NAME} and restores
 * it on resume, so the resumed run continues exactly.
 */
public interface StatefulObjective {

    /** @return a copy of the state as named arrays (empty before the first evaluation). */
    Map<String, INDArray> state();

    /** Restores a state returned by {@link #state()} (an empty map resets it). */
    void restore(Map<String, INDArray> state);
}
