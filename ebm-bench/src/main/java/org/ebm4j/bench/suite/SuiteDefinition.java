package org.ebm4j.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark suite as written in a YAML or JSON file:
 *
 * <pre>
 * suite: samplers-2d            # name
 * kind: sampler                 # the CellRunner that runs every cell
 * description: ...
 * seeds: [1, 2, 3]
 * settings: {chains: 64, warmup: 200}
 * budget: {gradient_evaluations: 20000}
 * matrix:                       # every combination of the axes' values
 *   energy: [ring-mixture, banana]
 *   sampler:
 *     - ula
 *     - {name: mala, params: {target_accept: 0.574}}
 *     - {name: ula, params: {step_size: [0.01, 0.05]}}   # a list expands into one choice per value
 * </pre>
 *
 * @param name suite name
 * @param kind cell kind
 * @param description one paragraph for the report
 * @param seeds one cell per seed per combination
 * @param settings fixed settings
 * @param budget per-cell cost limit
 * @param axes axis name to its choices, in file order
 */
public record SuiteDefinition(String name, String kind, String description, List<Long> seeds,
                              Map<String, String> settings, Map<String, String> budget,
                              Map<String, List<Choice>> axes) {

    /** Reads and validates a suite file. */
    public static SuiteDefinition read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("suite file not found: " + file);
        }
        return parse(Files.readString(file), file.toString());
    }

    /**
     * Parses suite text (YAML or JSON).
     *
     * @param source names the text in messages
     */
    public static SuiteDefinition parse(String text, String source) throws IOException {
        JsonNode root = Json.yaml().readTree(text);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": expected a mapping with suite, kind, seeds, matrix");
        }
        String name = required(root, "suite", source).asText();
        String kind = required(root, "kind", source).asText();
        List<Long> seeds = new ArrayList<>();
        JsonNode seedNode = root.path("seeds");
        if (seedNode.isMissingNode()) {
            seeds.add(0L);
        } else if (seedNode.isArray() && seedNode.size() > 0) {
            seedNode.forEach(s -> seeds.add(s.asLong()));
        } else {
            throw new IllegalArgumentException(source + ": seeds = " + seedNode + "; expected a non-empty list");
        }
        JsonNode matrix = required(root, "matrix", source);
        if (!matrix.isObject() || matrix.size() == 0) {
            throw new IllegalArgumentException(source + ": matrix = " + matrix
                    + "; expected a mapping of axis name to a list of choices");
        }
        Map<String, List<Choice>> axes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = matrix.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> axis = it.next();
            axes.put(axis.getKey(), choices(axis.getKey(), axis.getValue(), source));
        }
        return new SuiteDefinition(name, kind, root.path("description").asText(""), List.copyOf(seeds),
                flat(root.path("settings"), "settings", source), flat(root.path("budget"), "budget", source),
                axes);
    }

    /** @return every cell: the product of the axes' choices, times the seeds. */
    public List<Cell> cells() {
        List<Map<String, Choice>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Choice>> axis : axes.entrySet()) {
            List<Map<String, Choice>> next = new ArrayList<>();
            for (Map<String, Choice> partial : combos) {
                for (Choice c : axis.getValue()) {
                    Map<String, Choice> extended = new LinkedHashMap<>(partial);
                    extended.put(axis.getKey(), c);
                    next.add(extended);
                }
            }
            combos = next;
        }
        List<Cell> cells = new ArrayList<>();
        for (Map<String, Choice> combo : combos) {
            for (long seed : seeds) {
                cells.add(new Cell(name, kind, combo, settings, budget, seed));
            }
        }
        return cells;
    }

    private static List<Choice> choices(String axis, JsonNode node, String source) {
        if (!node.isArray() || node.size() == 0) {
            throw new IllegalArgumentException(source + ": matrix." + axis + " = " + node
                    + "; expected a non-empty list of names or {name, params}");
        }
        List<Choice> out = new ArrayList<>();
        for (JsonNode entry : node) {
            if (entry.isTextual()) {
                out.add(new Choice(entry.asText(), Map.of()));
            } else if (entry.isObject() && entry.hasNonNull("name")) {
                out.addAll(expandParams(entry.get("name").asText(), entry.path("params"), axis, source));
            } else {
                throw new IllegalArgumentException(source + ": matrix." + axis + " entry " + entry
                        + "; expected a name or {name: ..., params: {...}}");
            }
        }
        return out;
    }

    // {a: [1, 2], b: 3} -> (a=1, b=3), (a=2, b=3)
    private static List<Choice> expandParams(String name, JsonNode params, String axis, String source) {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        if (!params.isMissingNode() && !params.isObject()) {
            throw new IllegalArgumentException(source + ": matrix." + axis + "." + name + ".params = " + params
                    + "; expected a mapping");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            List<String> values = new ArrayList<>();
            if (p.getValue().isArray()) {
                p.getValue().forEach(v -> values.add(v.asText()));
            } else {
                values.add(p.getValue().asText());
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : combos) {
                for (String v : values) {
                    Map<String, String> extended = new LinkedHashMap<>(partial);
                    extended.put(p.getKey(), v);
                    next.add(extended);
                }
            }
            combos = next;
        }
        return combos.stream().map(c -> new Choice(name, c)).toList();
    }

    private static Map<String, String> flat(JsonNode node, String field, String source) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(source + ": " + field + " = " + node + "; expected a mapping");
        }
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static JsonNode required(JsonNode root, String field, String source) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException(source + ": missing '" + field + "'");
        }
        return n;
    }
}
