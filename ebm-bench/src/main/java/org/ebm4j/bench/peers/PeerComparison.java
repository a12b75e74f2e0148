package org.ebm4j.bench.peers;

import java.util.List;
import org.ebm4j.api.registry.Described;

/**
 * One comparison of ebm4j with a peer library: runs the peer's reference script and ebm4j's counterpart on the same
 * task and returns one row per measured quantity. Registered by name ({@code MapBinder<String, PeerComparison>}).
 */
public interface PeerComparison extends Described {

    /**
     * @return the measured rows; a comparison whose peer is not installed throws {@link PeerUnavailableException}
     */
    List<PeerRow> compare(PeerContext context) throws Exception;
}
