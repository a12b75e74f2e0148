package org.ebm4j.bench.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * One cell of a benchmark matrix: a choice per axis (energy, sampler, ...), the suite's settings and budget, and a
 * seed. A cell is plain data, serialisable to JSON, so any engine (in-process or Spark) can run it, and its
 * {@link #id()} (a hash of its canonical JSON) identifies it across runs: a rerun skips cells already finished.
 *
 * @param suite the suite's name
 * @param kind which {@link CellRunner} runs it ("sampler", "rbm", ...)
 * @param axes axis name to choice, sorted
 * @param settings fixed settings of the suite (chains, warm-up, ...), as text
 * @param budget cost limit: {@code gradient_evaluations}, {@code seconds}, ... as text
 * @param seed the cell's seed
 */
public record Cell(String suite, String kind, Map<String, Choice> axes, Map<String, String> settings,
                   Map<String, String> budget, long seed) {

    public Cell {
        axes = Map.copyOf(new TreeMap<>(axes));
        settings = Map.copyOf(new TreeMap<>(settings));
        budget = Map.copyOf(new TreeMap<>(budget));
    }

    /** @return the choice on {@code axis}; fails naming the axes present. */
    public Choice axis(String axis) {
        Choice c = axes.get(axis);
        if (c == null) {
            throw new IllegalArgumentException("cell " + label() + " has no axis '" + axis + "'; it has "
                    + new TreeMap<>(axes).keySet());
        }
        return c;
    }

    /** @return a stable 12-hex-digit id: SHA-256 of the canonical JSON, truncated. */
    public String id() {
        try {
            byte[] json = Json.canonical().writeValueAsBytes(this);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("hashing cell " + this, e);
        }
    }

    /** @return "energy=ring-mixture sampler=mala(step_size=0.1) seed=1". */
    public String label() {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(axes).forEach((k, v) -> s.append(k).append('=').append(v.label()).append(' '));
        return s.append("seed=").append(seed).toString();
    }

    /** @return the canonical JSON text of this cell. */
    public String toJson() {
        try {
            return new String(Json.canonical().writeValueAsBytes(this), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the cell encoded by {@link #toJson()}. */
    public static Cell fromJson(String json) {
        try {
            return Json.canonical().readValue(json, Cell.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a benchmark cell: " + e.getOriginalMessage(), e);
        }
    }
}
