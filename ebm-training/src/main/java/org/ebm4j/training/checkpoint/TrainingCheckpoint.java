package org.ebm4j.training.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.ebm4j.api.io.TensorArchive;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything needed to continue a training run exactly: iteration counter, parameters, optimiser state, replay
 * buffer, and the state of a stateful objective. Randomness needs no saved state: every draw derives from the run's
 * seed and the iteration number.
 *
 * <p>Stored as a {@link TensorArchive}: arrays {@code param/NAME}, {@code optim/NAME}, {@code buffer},
 * {@code objective/NAME}; metadata {@code kind=training-checkpoint}, {@code iteration}, {@code seed} and whatever the
 * run adds (model architecture, command line).
 *
 * @param iteration parameter updates done
 * @param seed the run's seed
 * @param parameters model parameters by name
 * @param optimizerState the optimiser's {@code state()}
 * @param buffer the replay buffer's {@code snapshot()} (may have zero rows)
 * @param metadata extra provenance
 * @param objectiveState a {@link org.ebm4j.training.objective.StatefulObjective}'s {@code state()} (empty if none)
 */
public record TrainingCheckpoint(long iteration, long seed, Map<String, INDArray> parameters,
                                 Map<String, INDArray> optimizerState, INDArray buffer, Map<String, String> metadata,
                                 Map<String, INDArray> objectiveState) {

    private static final String KIND = "training-checkpoint";

    public TrainingCheckpoint {
        objectiveState = objectiveState == null ? Map.of() : objectiveState;
    }

    /** A checkpoint of a run whose objective has no state. */
    public TrainingCheckpoint(long iteration, long seed, Map<String, INDArray> parameters,
                              Map<String, INDArray> optimizerState, INDArray buffer, Map<String, String> metadata) {
        this(iteration, seed, parameters, optimizerState, buffer, metadata, Map.of());
    }

    /** Writes the checkpoint atomically (temporary file, then rename). */
    public void write(Path file) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        parameters.forEach((k, v) -> arrays.put("param/" + k, v));
        optimizerState.forEach((k, v) -> arrays.put("optim/" + k, v));
        objectiveState.forEach((k, v) -> arrays.put("objective/" + k, v));
        if (buffer != null) {
            arrays.put("buffer", buffer);
        }
        Map<String, String> meta = new TreeMap<>(metadata);
        meta.put("kind", KIND);
        meta.put("iteration", Long.toString(iteration));
        meta.put("seed", Long.toString(seed));
        TensorArchive.write(file, meta, arrays);
    }

    /** As {@link #write(Path)}, with a failure thrown as an {@link UncheckedIOException} naming the file. */
    public void writeUnchecked(Path file) {
        try {
            write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("writing checkpoint " + file + " failed", e);
        }
    }

    /**
     * Copies this checkpoint's parameters into a run's live arrays, after checking that the run has the same seed
     * and parameters of the same names and shapes.
     *
     * @param runSeed the seed of the run that continues
     * @param modelParameters the model's parameter arrays, overwritten
     * @throws IllegalArgumentException naming what does not match
     */
    public void restoreParameters(long runSeed, Map<String, INDArray> modelParameters) {
        if (seed != runSeed) {
            throw new IllegalArgumentException("checkpoint seed = " + seed + "; this run's seed is " + runSeed
                    + " (resume with the same seed to reproduce the run)");
        }
        if (!modelParameters.keySet().equals(parameters.keySet())) {
            throw new IllegalArgumentException("checkpoint has parameters " + parameters.keySet()
                    + "; the model has " + modelParameters.keySet());
        }
        for (Map.Entry<String, INDArray> p : modelParameters.entrySet()) {
            INDArray saved = parameters.get(p.getKey());
            if (!java.util.Arrays.equals(saved.shape(), p.getValue().shape())) {
                throw new IllegalArgumentException("checkpoint parameter '" + p.getKey() + "' has shape "
                        + java.util.Arrays.toString(saved.shape()) + "; the model's is "
                        + java.util.Arrays.toString(p.getValue().shape()));
            }
            p.getValue().assign(saved);
        }
    }

    /**
     * Reads a checkpoint written by {@link #write(Path)}.
     *
     * @throws IOException if the file is missing or is not a training checkpoint
     */
    public static TrainingCheckpoint read(Path file) throws IOException {
        TensorArchive.Contents c = TensorArchive.read(file);
        if (!KIND.equals(c.metadata().get("kind"))) {
            throw new IOException(file + " is not a training checkpoint (kind = " + c.metadata().get("kind") + ")");
        }
        Map<String, INDArray> params = new LinkedHashMap<>();
        Map<String, INDArray> optim = new LinkedHashMap<>();
        Map<String, INDArray> objective = new LinkedHashMap<>();
        c.arrays().forEach((k, v) -> {
            if (k.startsWith("param/")) {
                params.put(k.substring("param/".length()), v);
            } else if (k.startsWith("optim/")) {
                optim.put(k.substring("optim/".length()), v);
            } else if (k.startsWith("objective/")) {
                objective.put(k.substring("objective/".length()), v);
            }
        });
        Map<String, String> meta = new TreeMap<>(c.metadata());
        return new TrainingCheckpoint(Long.parseLong(c.meta("iteration")), Long.parseLong(c.meta("seed")), params,
                optim, c.arrays().get("buffer"), meta, objective);
    }
}
