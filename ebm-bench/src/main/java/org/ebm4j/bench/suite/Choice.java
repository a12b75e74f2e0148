package org.ebm4j.bench.suite;

import java.util.Map;
import java.util.TreeMap;

/**
 * One value of a matrix axis: a component name and its parameters, e.g. {@code mala(step_size=0.1)}.
 *
 * @param name the registered name
 * @param params parameters as text, sorted by key
 */
public record Choice(String name, Map<String, String> params) {

    public Choice {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("choice name is empty; expected a registered component name");
        }
        params = Map.copyOf(new TreeMap<>(params));
    }

    /** @return "name" or "name(k=v, ...)". */
    public String label() {
        if (params.isEmpty()) {
            return name;
        }
        StringBuilder s = new StringBuilder(name).append('(');
        new TreeMap<>(params).forEach((k, v) -> s.append(k).append('=').append(v).append(", "));
        s.setLength(s.length() - 2);
        return s.append(')').toString();
    }
}
