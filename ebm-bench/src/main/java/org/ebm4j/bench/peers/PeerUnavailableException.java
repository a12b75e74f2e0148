package org.ebm4j.bench.peers;

/** The peer of a comparison cannot run here (no Python, no torch/sklearn, no baseline script); the reason says what to install. */
public final class PeerUnavailableException extends Exception {

    public PeerUnavailableException(String reason) {
        super(reason);
    }
}
