package org.ebm4j.api.training;

/**
 * Training stopped because a value became non-finite or exceeded its bound. The message names the value and the
 * iteration, and the last good checkpoint if one was written.
 */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
