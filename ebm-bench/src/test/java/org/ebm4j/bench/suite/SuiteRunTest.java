package org.ebm4j.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ebm4j.bench.registry.ComponentRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteRunTest {

    static final String SUITE = """
            suite: counting
            kind: test-counting
            seeds: [1, 2]
            settings: {fail_times: 0}
            budget: {seconds: 1}
            matrix:
              model:
                - plain
                - {name: scaled, params: {x: [2, 3]}}
              variant: [a, b]
            """;

    @TempDir
    Path dir;

    @Test
    void matrixExpandsToTheProductOfAxesAndSeedsWithStableDistinctIds() throws Exception {
        SuiteDefinition suite = SuiteDefinition.parse(SUITE, "test");
        List<Cell> cells = suite.cells();
        assertThat(cells).hasSize(3 * 2 * 2);
        Set<String> ids = new HashSet<>();
        cells.forEach(c -> ids.add(c.id()));
        assertThat(ids).hasSize(12);
        assertThat(SuiteDefinition.parse(SUITE, "again").cells().get(5).id()).isEqualTo(cells.get(5).id());
        Cell c = cells.get(2);
        assertThat(Cell.fromJson(c.toJson())).isEqualTo(c);
        assertThat(cells.get(2).label()).isEqualTo("model=plain variant=b seed=1"); // last axis and seeds vary fastest
        assertThat(cells.get(4).label()).isEqualTo("model=scaled(x=2) variant=a seed=1");
    }

    @Test
    void malformedSuitesFailNamingTheField() {
        assertThatThrownBy(() -> SuiteDefinition.parse("kind: x\nmatrix: {a: [b]}", "s.yaml"))
                .hasMessage("s.yaml: missing 'suite'");
        assertThatThrownBy(() -> SuiteDefinition.parse("suite: s\nkind: x\nmatrix: {a: []}", "s.yaml"))
                .hasMessageContaining("s.yaml: matrix.a = []; expected a non-empty list");
        assertThatThrownBy(() -> SuiteDefinition.parse("suite: s\nkind: x\nseeds: 3\nmatrix: {a: [b]}", "s.yaml"))
                .hasMessageContaining("seeds = 3; expected a non-empty list");
    }

    @Test
    void runWritesResultsAndProvenanceAndRerunSkipsFinishedCells() throws Exception {
        CellExecutor executor = new CellExecutor(ComponentRegistry.discover());
        SuiteRun.Summary first = SuiteRun.run(SUITE, dir, new LocalEngine(executor), 1, "test");
        assertThat(first).isEqualTo(new SuiteRun.Summary(12, 0, 12, 0));
        List<CellResult> results = new ResultStore(dir).load();
        assertThat(results).hasSize(12).allMatch(CellResult::ok);
        CellResult r = results.stream().filter(x -> x.cell().label().equals("model=scaled(x=3) variant=b seed=2"))
                .findFirst().orElseThrow();
        assertThat(r.metric("value")).isEqualTo(6.0);
        assertThat(r.series().get("curve").get(0)).containsExactly(0.0, 3.0);
        assertThat(r.environment()).containsKeys("host", "cores", "java");

        JsonNode provenance = Json.canonical().readTree(Files.readString(dir.resolve("provenance.json")));
        assertThat(provenance.has("git_commit")).isTrue();
        assertThat(provenance.path("backend").has("threads")).isTrue();
        assertThat(provenance.path("suite_sha256").asText()).hasSize(64);

        SuiteRun.Summary second = SuiteRun.run(SUITE, dir, new LocalEngine(executor), 1, "test");
        assertThat(second).isEqualTo(new SuiteRun.Summary(12, 12, 0, 0));
        for (Cell c : SuiteDefinition.parse(SUITE, "t").cells()) {
            assertThat(CountingCellModule.RUNS.get(c.id())).hasValue(1);
        }
    }

    @Test
    void failingCellsAreRetriedThenRecordedAndRerunLater() throws Exception {
        String suite = SUITE.replace("fail_times: 0", "fail_times: 3").replace("seeds: [1, 2]", "seeds: [7]");
        CellExecutor executor = new CellExecutor(ComponentRegistry.discover());
        SuiteRun.Summary first = SuiteRun.run(suite, dir, new LocalEngine(executor), 2, "test");
        assertThat(first.failed()).isEqualTo(6);
        List<CellResult> failed = new ResultStore(dir).load();
        assertThat(failed).allSatisfy(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(r.error()).contains("planned failure 2 of 3");
        });
        // Third attempt fails, fourth succeeds: the rerun picks up only the failed cells.
        SuiteRun.Summary second = SuiteRun.run(suite, dir, new LocalEngine(executor), 2, "test");
        assertThat(second).isEqualTo(new SuiteRun.Summary(6, 0, 6, 0));
        assertThat(new ResultStore(dir).load()).hasSize(6).allMatch(CellResult::ok);
    }

    @Test
    void unknownCellKindFailsListingKnownKinds() {
        CellExecutor executor = new CellExecutor(ComponentRegistry.discover());
        assertThatThrownBy(() -> executor.runner("no-such-kind"))
                .hasMessageStartingWith("unknown benchmark cell 'no-such-kind'; known benchmark cells: ")
                .hasMessageContaining("test-counting");
    }

    @Test
    void aTruncatedLastLineIsIgnoredButEarlierDamageIsReported() throws Exception {
        CellExecutor executor = new CellExecutor(ComponentRegistry.discover());
        SuiteRun.run(SUITE.replace("seeds: [1, 2]", "seeds: [5]"), dir, new LocalEngine(executor), 1, "test");
        Path file = dir.resolve(ResultStore.FILE);
        Files.writeString(file, Files.readString(file) + "{\"cellId\": \"abc", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        assertThat(new ResultStore(dir).load()).hasSize(6);
        Files.writeString(file, "garbage\n" + Files.readString(file));
        assertThatThrownBy(() -> new ResultStore(dir).load()).hasMessageContaining("line 1 is not a cell result");
    }
}
