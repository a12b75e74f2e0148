package org.ebm4j.api.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The named parameters handed to a component factory ({@code step_size=10}, {@code hidden=500}), as text, with
 * typed accessors that fail with messages naming the component, the key, the value and what was expected.
 *
 * <p>Factories read their keys and call {@link #requireOnly(Set)} so that a misspelt key fails instead of being
 * silently ignored.
 */
public final class ComponentConfig {

    private final String component;
    private final Map<String, String> values;

    private ComponentConfig(String component, Map<String, String> values) {
        this.component = component;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * @param component what is being configured, used in messages (for example "sampler 'mala'")
     * @param values key to value; values are converted with {@link String#valueOf(Object)}
     */
    public static ComponentConfig of(String component, Map<String, ?> values) {
        Map<String, String> text = new LinkedHashMap<>();
        values.forEach((k, v) -> text.put(k, String.valueOf(v)));
        return new ComponentConfig(component, text);
    }

    /** @return an empty configuration for {@code component}. */
    public static ComponentConfig empty(String component) {
        return new ComponentConfig(component, Map.of());
    }

    /**
     * Parses {@code key=value} pairs, as given on a command line.
     *
     * @throws IllegalArgumentException for a pair without '='
     */
    public static ComponentConfig parse(String component, Iterable<String> pairs) {
        Map<String, String> text = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(component + ": parameter '" + pair + "'; expected key=value");
            }
            text.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return new ComponentConfig(component, text);
    }

    /** @return a copy with {@code key} set to {@code value} (replacing any earlier value). */
    public ComponentConfig with(String key, Object value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, String.valueOf(value));
        return new ComponentConfig(component, copy);
    }

    /** @return a copy whose keys are {@code defaults} overridden by this configuration's own values. */
    public ComponentConfig withDefaults(Map<String, ?> defaults) {
        Map<String, String> merged = new LinkedHashMap<>();
        defaults.forEach((k, v) -> merged.put(k, String.valueOf(v)));
        merged.putAll(values);
        return new ComponentConfig(component, merged);
    }

    public String component() {
        return component;
    }

    public Map<String, String> values() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String getString(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    public double getDouble(String key, double defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw invalid(key, v, "a number");
        }
    }

    public int getInt(String key, int defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw invalid(key, v, "an integer");
        }
    }

    public long getLong(String key, long defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw invalid(key, v, "an integer");
        }
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw invalid(key, v, "true or false");
    }

    /** @return a positive finite number, or the default. */
    public double getPositive(String key, double defaultValue) {
        return Checks.positive(label(key), getDouble(key, defaultValue));
    }

    /** @return a number in {@code [low, high]}, or the default. */
    public double getInRange(String key, double defaultValue, double low, double high) {
        return Checks.inRange(label(key), getDouble(key, defaultValue), low, high);
    }

    /** @return an integer {@code >= 1}, or the default. */
    public int getPositiveInt(String key, int defaultValue) {
        return Checks.positive(label(key), getInt(key, defaultValue));
    }

    /** @return an integer {@code >= 0}, or the default. */
    public int getNonNegativeInt(String key, int defaultValue) {
        return Checks.nonNegative(label(key), getInt(key, defaultValue));
    }

    /**
     * Fails if this configuration has a key outside {@code known}.
     *
     * @throws IllegalArgumentException naming the unknown keys and listing the known ones
     */
    public ComponentConfig requireOnly(Set<String> known) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(component + ": unknown parameter" + (unknown.size() > 1 ? "s " : " ")
                    + unknown + "; known parameters are " + new TreeSet<>(known));
        }
        return this;
    }

    private String label(String key) {
        return component + ": " + key;
    }

    private IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException(label(key) + " = '" + value + "'; expected " + expected);
    }

    @Override
    public String toString() {
        return component + values;
    }
}
