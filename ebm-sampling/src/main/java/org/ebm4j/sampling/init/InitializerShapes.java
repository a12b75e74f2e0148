package org.ebm4j.sampling.init;

import org.ebm4j.api.config.Checks;

/** Shape arithmetic shared by the initialisers. */
final class InitializerShapes {

    private InitializerShapes() {
    }

    /** @return {@code [n, ...sampleShape]}, after checking {@code n >= 1}. */
    static long[] batchShape(int n, long[] sampleShape) {
        Checks.positive("n (number of chains)", n);
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = n;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return shape;
    }
}
