package org.ebm4j.bench.peers;

/**
 * One measured quantity on both sides.
 *
 * @param comparison the comparison's registered name
 * @param metric what was measured ("seconds per Langevin step (batch 128)")
 * @param ebm4j ebm4j's value
 * @param peer the peer's value
 * @param peerName the peer library and version ("pytorch-1.13.1")
 * @param lowerIsBetter true for times and errors; the ratio is ebm4j / peer either way
 */
public record PeerRow(String comparison, String metric, double ebm4j, double peer, String peerName,
                      boolean lowerIsBetter) {

    /** @return ebm4j / peer. */
    public double ratio() {
        return ebm4j / peer;
    }
}
