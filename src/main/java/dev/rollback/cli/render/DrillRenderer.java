package dev.rollback.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.core.Words;
import dev.rollback.core.drill.DrillReport;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** A drill's phases and result: a table for the terminal, Markdown for the report file, JSON for scripts. */
public final class DrillRenderer {

    private DrillRenderer() {
    }

    public static void table(DrillReport r, Style style, PrintWriter out) {
        out.println("Drill " + r.id() + " of " + r.service() + ": " + (r.passed() ? style.good("PASSED")
                : style.bad("FAILED")) + (r.synthetic() ? " (synthetic breach)" : ""));
        Table phases = new Table("PHASE", "DURATION");
        phases.row("detection", time(r.detection()));
        phases.row("triage", time(r.triage()));
        phases.row("execution", time(r.execution()));
        phases.row("verification", time(r.verification()));
        phases.row("MTTR", time(r.mttr()) + " (budget " + Words.duration(r.budget()) + ")");
        phases.print(out, "  ");
        out.println("restored exactly: " + (r.restored() ? "yes" : style.bad("no: " + String.join("; ",
                r.differences()))));
        if (r.failure() != null) {
            out.println(style.bad("failed: ") + r.failure());
        }
    }

    public static String markdown(DrillReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# Drill report: ").append(MarkdownEscape.inline(r.service())).append(' ').append(r.id()).append("\n\n");
        md.append("- result: **").append(r.passed() ? "passed" : "FAILED").append("**\n");
        md.append("- started: ").append(Json.time(r.startedAt())).append(", ended: ").append(Json.time(r.endedAt()))
                .append('\n');
        md.append("- bad release deployed: v").append(MarkdownEscape.inline(r.drillVersion())).append(" (live before: ")
                .append(r.originalVersion() == null ? "unknown" : "v" + MarkdownEscape.inline(r.originalVersion()))
                .append(")\n");
        md.append("- breach: ").append(r.synthetic() ? "**synthetic** (injected by the drill, drill.syntheticBreach)"
                : "seen in the real metrics").append('\n');
        md.append("- journals: deploy ").append(code(r.deployJournal())).append(", rollback ")
                .append(code(r.rollbackJournal())).append(", restore ").append(code(r.restoreJournal()))
                .append(" (`rollback report ID` for each)\n");
        if (r.failure() != null) {
            md.append("- failure: ").append(MarkdownEscape.inline(r.failure())).append('\n');
        }
        md.append("\n| phase | duration |\n|---|---|\n");
        md.append("| detection | ").append(time(r.detection())).append(" |\n");
        md.append("| triage | ").append(time(r.triage())).append(" |\n");
        md.append("| execution | ").append(time(r.execution())).append(" |\n");
        md.append("| verification | ").append(time(r.verification())).append(" |\n");
        md.append("| **MTTR** | **").append(time(r.mttr())).append("** (budget ").append(Words.duration(r.budget()))
                .append(") |\n\n");
        md.append("## Restore\n\n").append(r.restored() ? "The original state was restored exactly (aliases, stages, "
                + "tags of every version, serving reference).\n" : "NOT restored exactly:\n");
        r.differences().forEach(d -> md.append("- ").append(MarkdownEscape.inline(d)).append('\n'));
        return md.toString();
    }

    public static ObjectNode json(DrillReport r) {
        ObjectNode doc = Json.document("Drill");
        fill(doc, r);
        return doc;
    }

    private static void fill(ObjectNode o, DrillReport r) {
        o.put("id", r.id()).put("service", r.service()).put("passed", r.passed())
                .put("startedAt", Json.time(r.startedAt())).put("endedAt", Json.time(r.endedAt()))
                .put("drillVersion", r.drillVersion()).put("originalVersion", r.originalVersion())
                .put("synthetic", r.synthetic()).put("verified", r.verified()).put("restored", r.restored())
                .put("deployJournal", r.deployJournal()).put("rollbackJournal", r.rollbackJournal())
                .put("restoreJournal", r.restoreJournal()).put("failure", r.failure());
        ObjectNode phases = o.putObject("phasesSeconds");
        phases.put("detection", seconds(r.detection())).put("triage", seconds(r.triage()))
                .put("execution", seconds(r.execution())).put("verification", seconds(r.verification()))
                .put("mttr", seconds(r.mttr())).put("budget", seconds(r.budget()));
        ArrayNode diffs = o.putArray("differences");
        r.differences().forEach(diffs::add);
    }

    /** {@code drill --history}: every drill's MTTR, oldest first, with the change from the one before. */
    public static void history(List<DrillReport> drills, boolean json, PrintWriter out) {
        if (json) {
            ObjectNode doc = Json.document("DrillHistory");
            ArrayNode items = doc.putArray("drills");
            drills.forEach(d -> fill(items.addObject(), d));
            Json.print(doc, out);
            return;
        }
        Table table = new Table("DATE", "ID", "RESULT", "MTTR", "CHANGE", "BUDGET", "");
        Duration previous = null;
        for (DrillReport d : drills) {
            String change = previous == null || d.mttr() == null ? "" : trend(previous, d.mttr());
            table.row(Json.time(d.startedAt()), d.id(), d.passed() ? "passed" : "FAILED", time(d.mttr()), change,
                    Words.duration(d.budget()), bar(d.mttr(), d.budget()));
            previous = d.mttr() == null ? previous : d.mttr();
        }
        table.print(out);
    }

    private static String trend(Duration before, Duration now) {
        long delta = now.toMillis() - before.toMillis();
        String sign = delta > 0 ? "+" : delta < 0 ? "-" : "±";
        return sign + String.format("%.1fs", Math.abs(delta) / 1000.0);
    }

    /** MTTR as a bar against the budget (20 cells = the budget), so a trend shows at a glance. */
    private static String bar(Duration mttr, Duration budget) {
        if (mttr == null) {
            return "";
        }
        int cells = (int) Math.min(30, Math.round(20.0 * mttr.toMillis() / Math.max(1, budget.toMillis())));
        return "#".repeat(Math.max(1, cells));
    }

    private static String time(Duration d) {
        return d == null ? "not measured" : String.format("%.1fs", d.toMillis() / 1000.0);
    }

    private static Double seconds(Duration d) {
        return d == null ? null : d.toMillis() / 1000.0;
    }

    private static String code(String id) {
        return id == null ? "none" : "`" + id + "`";
    }
}
