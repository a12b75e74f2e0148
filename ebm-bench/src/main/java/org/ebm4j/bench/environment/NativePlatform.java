package org.ebm4j.bench.environment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * How this build of ebm4j was packaged: its version and the ND4J backend chosen by the Maven profile. Before ND4J
 * loads, {@link #selectNativeBinaries()} points JavaCPP at the packaged native variant (for example
 * {@code -onednn-avx512}); without it JavaCPP loads the generic binary whenever two are on the class path.
 */
public final class NativePlatform {

    static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

    private NativePlatform() {
    }

    /** @return the contents of {@code ebm-build.properties}. */
    public static Properties buildProperties() {
        Properties props = new Properties();
        try (InputStream in = NativePlatform.class.getResourceAsStream("/ebm-build.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    /**
     * Sets the JavaCPP platform extension to the packaged variant unless the user set one
     * ({@code -Dorg.bytedeco.javacpp.platform.extension=...}). Call before the first use of ND4J.
     */
    public static void selectNativeBinaries() {
        if (System.getProperty(EXTENSION_PROPERTY) == null) {
            String extension = buildProperties().getProperty("nd4j.extension", "");
            if (!extension.isEmpty() && !extension.startsWith("${")) {
                System.setProperty(EXTENSION_PROPERTY, extension);
            }
        }
    }
}
