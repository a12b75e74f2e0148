package org.ebm4j.bench.environment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions of ebm4j, the JVM and the libraries, for {@code ebm info} and provenance. */
public final class Versions {

    private Versions() {
    }

    /** @return name to version, in a stable order. */
    public static Map<String, String> all() {
        Properties build = NativePlatform.buildProperties();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("ebm4j", build.getProperty("version", "unknown"));
        v.put("nd4j", build.getProperty("nd4j.version", "unknown"));
        v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return v;
    }
}
