package org.ebm4j.bench.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.ebm4j.api.registry.Described;
import org.ebm4j.api.registry.NamedComponents;
import org.ebm4j.bench.environment.BackendInfo;
import org.ebm4j.bench.environment.Versions;
import org.ebm4j.bench.registry.ComponentRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ebm info}: versions, the ND4J backend in use, and every registered component by kind. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print versions, the ND4J backend (variant, SIMD level, threads) and all registered components.")
public final class InfoCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("ebm4j");
        Versions.all().forEach((k, v) -> out.printf("  %-8s %s%n", k, v));
        BackendInfo backend = BackendInfo.current();
        out.println("backend");
        backend.asMap().forEach((k, v) -> out.printf("  %-12s %s%n", k, v));
        if (backend.optimalLevel() > backend.binaryLevel() && backend.binaryLevel() >= 0) {
            out.println("  note: this CPU supports " + BackendInfo.levelName(backend.optimalLevel())
                    + "; a cpu-* profile built for it may be faster: measure with scripts/compare-backends.sh "
                    + "(README, \"Backends\")");
        }
        ComponentRegistry registry = ComponentRegistry.discover();
        for (Map.Entry<String, NamedComponents<?>> kind : registry.all().entrySet()) {
            out.println(kind.getKey() + " (" + kind.getValue().all().size() + ")");
            kind.getValue().all().forEach((name, component) -> out.printf("  %-26s %s%n", name,
                    component instanceof Described d ? d.description() : ""));
        }
        out.flush();
    }
}
