package org.ebm4j.sampling.chains;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.ebm4j.api.config.ComponentConfig;

/**
 * The parameters a factory accepts with their defaults, in the order shown by {@code ebm info}; reads them from a
 * {@link ComponentConfig} after rejecting unknown keys. Optional keys without a default are listed as {@code key=none}.
 */
public final class KernelParameters {

    private final Map<String, String> defaults;

    /** @param keysAndDefaults alternating key and default (use "none" for an optional key without default) */
    public KernelParameters(String... keysAndDefaults) {
        if (keysAndDefaults.length % 2 != 0) {
            throw new IllegalArgumentException("keysAndDefaults has odd length " + keysAndDefaults.length
                    + "; expected key, default pairs");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndDefaults.length; i += 2) {
            map.put(keysAndDefaults[i], keysAndDefaults[i + 1]);
        }
        this.defaults = Collections.unmodifiableMap(map);
    }

    /** @return {@code key=default} for every key, for {@code SamplerFactory.parameterNames()}. */
    public Set<String> described() {
        Set<String> out = new LinkedHashSet<>();
        defaults.forEach((k, v) -> out.add(k + "=" + v));
        return Collections.unmodifiableSet(out);
    }

    /** @return the keys alone. */
    public Set<String> keys() {
        return defaults.keySet();
    }

    /**
     * @return {@code config} after checking it has no unknown key
     * @throws IllegalArgumentException naming unknown keys and listing the known ones
     */
    public ComponentConfig check(ComponentConfig config) {
        return config.requireOnly(defaults.keySet());
    }

    /** @return the default of {@code key} as a number. */
    public double number(String key) {
        return Double.parseDouble(defaults.get(key));
    }
}
