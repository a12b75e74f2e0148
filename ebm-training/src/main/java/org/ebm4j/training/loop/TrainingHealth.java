package org.ebm4j.training.loop;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.training.TrainingDivergedException;

/**
 * The health checks every training loop makes before it updates the parameters, with one wording for the error: a
 * non-finite loss term, or a mean energy ({@code e_pos}, {@code e_neg}) beyond the energy bound, stops the run.
 */
public final class TrainingHealth {

    private TrainingHealth() {
    }

    /**
     * @param terms the loss terms of the update about to be made (checked in their iteration order)
     * @param energyBound the largest |mean energy| accepted
     * @param iteration updates done so far (the failing one is {@code iteration + 1})
     * @param lastCheckpoint the last checkpoint written, or null
     * @throws TrainingDivergedException naming the first bad term
     */
    public static void check(Map<String, Double> terms, double energyBound, long iteration, Path lastCheckpoint) {
        for (Map.Entry<String, Double> term : terms.entrySet()) {
            if (!Double.isFinite(term.getValue())) {
                throw diverged(iteration, term.getKey() + " = " + term.getValue(), lastCheckpoint);
            }
        }
        for (String name : List.of("e_pos", "e_neg")) {
            Double e = terms.get(name);
            if (e != null && Math.abs(e) > energyBound) {
                throw diverged(iteration, name + " = " + e + " exceeds energy_bound = " + energyBound,
                        lastCheckpoint);
            }
        }
    }

    /** @return the error for update {@code iteration + 1} failing because of {@code what} */
    public static TrainingDivergedException diverged(long iteration, String what, Path lastCheckpoint) {
        return new TrainingDivergedException("training diverged at iteration " + (iteration + 1) + ": " + what
                + "; parameters were not updated. Last good checkpoint: "
                + (lastCheckpoint == null ? "none written" : lastCheckpoint.toString()));
    }
}
