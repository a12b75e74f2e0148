package org.ebm4j.api.registry;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The implementations of one extension point, by name (for example the samplers). Built from the map that a Guice
 * {@code MapBinder<String, T>} provides; looking up an unknown name fails with a message that lists the known ones.
 *
 * @param <T> the extension point's type (usually a factory)
 */
public final class NamedComponents<T> {

    private final String kind;
    private final NavigableMap<String, T> byName;

    /**
     * @param kind what the components are, plural, used in messages ("samplers")
     * @param byName the implementations by name
     */
    public NamedComponents(String kind, Map<String, T> byName) {
        this.kind = kind;
        this.byName = Collections.unmodifiableNavigableMap(new TreeMap<>(byName));
    }

    /**
     * @return the component registered under {@code name}
     * @throws IllegalArgumentException if there is none, listing the known names
     */
    public T get(String name) {
        T component = byName.get(name);
        if (component == null) {
            throw new IllegalArgumentException("unknown " + singular() + " '" + name + "'; known " + kind + ": "
                    + String.join(", ", byName.keySet()));
        }
        return component;
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** @return the components sorted by name. */
    public NavigableMap<String, T> all() {
        return byName;
    }

    public String kind() {
        return kind;
    }

    private String singular() {
        return kind.endsWith("s") ? kind.substring(0, kind.length() - 1) : kind;
    }
}
