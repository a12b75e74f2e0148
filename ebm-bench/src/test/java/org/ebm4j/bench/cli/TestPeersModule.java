package org.ebm4j.bench.cli;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.List;
import org.ebm4j.bench.peers.PeerComparison;
import org.ebm4j.bench.peers.PeerContext;
import org.ebm4j.bench.peers.PeerRow;
import org.ebm4j.bench.peers.PeerUnavailableException;

/** Test comparisons: one that measures fixed numbers, one whose peer is never installed. */
public final class TestPeersModule extends AbstractModule {

    static final class Echo implements PeerComparison {
        @Override
        public List<PeerRow> compare(PeerContext context) {
            return List.of(new PeerRow("test-echo", "answer", 2.0, 4.0, "echo", true));
        }

        @Override
        public String description() {
            return "fixed numbers";
        }
    }

    static final class Missing implements PeerComparison {
        @Override
        public List<PeerRow> compare(PeerContext context) throws PeerUnavailableException {
            throw new PeerUnavailableException("install the peer");
        }

        @Override
        public String description() {
            return "a peer that is not installed";
        }
    }

    @Override
    protected void configure() {
        MapBinder<String, PeerComparison> peers = MapBinder.newMapBinder(binder(), String.class, PeerComparison.class);
        peers.addBinding("test-echo").to(Echo.class);
        peers.addBinding("test-missing").to(Missing.class);
    }
}
