package org.ebm4j.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RbmPcdPeerTest {

    @Test
    void medianOfOddAndEvenCountsLeavesItsArgumentAlone() {
        double[] x = {9.3, 7.4, 8.1};
        assertThat(RbmPcdPeer.median(x)).isEqualTo(8.1);
        assertThat(x).containsExactly(9.3, 7.4, 8.1);
        assertThat(RbmPcdPeer.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(RbmPcdPeer.median(new double[] {5})).isEqualTo(5);
        assertThatThrownBy(() -> RbmPcdPeer.median(new double[0])).hasMessageContaining("no values");
    }
}
