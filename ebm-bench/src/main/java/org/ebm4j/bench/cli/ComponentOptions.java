package org.ebm4j.bench.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses the {@code --set COMPONENT.KEY=VALUE} options of the commands into options per component
 * ({@code --set sampler.step_size=10 --set energy.seed=3}).
 */
final class ComponentOptions {

    private ComponentOptions() {
    }

    /**
     * @param sets the {@code --set} values
     * @param components the component prefixes the command accepts
     * @return component to (key to value), with an entry (possibly empty) for every accepted component
     * @throws IllegalArgumentException for a value without '=' or '.', or an unknown component
     */
    static Map<String, Map<String, String>> parse(List<String> sets, Set<String> components) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String c : components) {
            out.put(c, new LinkedHashMap<>());
        }
        for (String set : sets == null ? List.<String>of() : sets) {
            int eq = set.indexOf('=');
            int dot = set.indexOf('.');
            if (eq <= 0 || dot <= 0 || dot > eq) {
                throw new IllegalArgumentException("--set " + set + "; expected COMPONENT.KEY=VALUE with COMPONENT one of "
                        + new TreeSet<>(components) + " (for example --set sampler.step_size=10)");
            }
            String component = set.substring(0, dot);
            if (!components.contains(component)) {
                throw new IllegalArgumentException("--set " + set + ": unknown component '" + component
                        + "'; expected one of " + new TreeSet<>(components));
            }
            out.get(component).put(set.substring(dot + 1, eq).trim(), set.substring(eq + 1).trim());
        }
        return out;
    }
}
