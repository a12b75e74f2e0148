package org.ebm4j.bench.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.ebm4j.api.config.ComponentConfig;

/**
 * A registered component chosen by name, with its options as text.
 *
 * @param name the registered name, for example "seed-langevin"
 * @param options the factory's options (validated by the factory)
 */
public record Component(String name, Map<String, String> options) {

    public Component {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("component name '" + name + "'; expected a registered name");
        }
        options = Map.copyOf(options);
    }

    /** @return the component without options. */
    public static Component of(String name) {
        return new Component(name, Map.of());
    }

    /** @return a copy with {@code key} set to {@code value}. */
    public Component with(String key, Object value) {
        Map<String, String> copy = new LinkedHashMap<>(options);
        copy.put(key, String.valueOf(value));
        return new Component(name, copy);
    }

    /** @return a copy whose options are {@code extra} laid over these. */
    public Component withAll(Map<String, String> extra) {
        Map<String, String> copy = new LinkedHashMap<>(options);
        copy.putAll(extra);
        return new Component(name, copy);
    }

    /** @param kind the extension point, singular ("sampler"), for messages */
    public ComponentConfig config(String kind) {
        return ComponentConfig.of(kind + " '" + name + "'", new TreeMap<>(options));
    }

    /** Writes this component into {@code metadata} under {@code spec.KIND} and {@code spec.KIND.KEY}. */
    void record(String kind, Map<String, String> metadata) {
        metadata.put("spec." + kind, name);
        options.forEach((k, v) -> metadata.put("spec." + kind + "." + k, v));
    }

    /** @return the component recorded by {@link #record} under {@code kind}, or null if absent. */
    static Component recorded(String kind, Map<String, String> metadata) {
        String name = metadata.get("spec." + kind);
        if (name == null) {
            return null;
        }
        String prefix = "spec." + kind + ".";
        Map<String, String> options = new TreeMap<>();
        metadata.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                options.put(k.substring(prefix.length()), v);
            }
        });
        return new Component(name, options);
    }

    @Override
    public String toString() {
        return options.isEmpty() ? name : name + new TreeMap<>(options);
    }
}
