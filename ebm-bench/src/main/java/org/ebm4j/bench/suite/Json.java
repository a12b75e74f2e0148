package org.ebm4j.bench.suite;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The JSON and YAML mappers of the benchmark code: map keys sorted, so equal data gives equal text. */
public final class Json {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectMapper PRETTY = CANONICAL.copy().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    private Json() {
    }

    /** @return a thread-safe mapper writing compact JSON with sorted map keys. */
    public static ObjectMapper canonical() {
        return CANONICAL;
    }

    /** @return the same, indented. */
    public static ObjectMapper pretty() {
        return PRETTY;
    }

    /** @return a YAML reader (YAML is a superset of JSON, so it reads both). */
    public static ObjectMapper yaml() {
        return YAML;
    }
}
