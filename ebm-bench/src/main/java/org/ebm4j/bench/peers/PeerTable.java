package org.ebm4j.bench.peers;

import java.util.List;
import java.util.Locale;
import org.ebm4j.bench.report.SuiteReport;

/** Formats peer rows as the Markdown table of the README's performance section. */
public final class PeerTable {

    private PeerTable() {
    }

    /** @return a Markdown table: comparison, metric, ebm4j, peer, ratio. */
    public static String markdown(List<PeerRow> rows) {
        StringBuilder t = new StringBuilder("| comparison | metric | ebm4j | peer | peer value | ratio ebm4j/peer |\n"
                + "|---|---|---|---|---|---|\n");
        for (PeerRow r : rows) {
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s%s |%n", r.comparison(), r.metric(),
                    SuiteReport.number(r.ebm4j()), r.peerName(), SuiteReport.number(r.peer()),
                    SuiteReport.number(r.ratio()), r.lowerIsBetter() ? " (lower is better)" : ""));
        }
        return t.toString();
    }
}
