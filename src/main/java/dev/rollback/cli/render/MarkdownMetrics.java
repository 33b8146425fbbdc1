package dev.rollback.cli.render;

import dev.rollback.core.Words;
import dev.rollback.core.decision.Decision;
import dev.rollback.core.decision.Numbers;
import dev.rollback.core.decision.Reading;
import dev.rollback.core.decision.Reason;
import dev.rollback.core.decision.Verification;
import dev.rollback.core.decision.Verification.SignalRecovery;
import dev.rollback.core.report.IncidentReport;
import dev.rollback.core.report.ReportWords;

/** The report's "Metrics decision" and "Verification" sections, numbers as the decision framework saw them. */
final class MarkdownMetrics {

    private static final String SYNTHETIC = "synthetic: injected by a drill, not read from the metrics source";

    private MarkdownMetrics() {
    }

    static void decision(IncidentReport report, ReportTimes times, StringBuilder out) {
        out.append("## Metrics decision\n\n");
        if (report.decision().isEmpty()) {
            out.append("None recorded: this rollback was started by hand, so detection and triage are not measured "
                    + "and the severity is P3 by default; raise it if the impact says otherwise.\n");
            return;
        }
        Decision d = report.decision().get();
        out.append("At ").append(times.time(d.at())).append(" UTC: **").append(ReportWords.verdict(d.verdict()))
                .append("**.");
        if (d.firstBreachAt() != null) {
            out.append(" Breach first seen at ").append(times.time(d.firstBreachAt())).append(" UTC.");
        }
        out.append(d.baseline() == null || d.baseline().version() == null ? " No healthy baseline was designated."
                : " Healthy baseline: v" + MarkdownEscape.inline(d.baseline().version()) + ".");
        out.append("\n\nReasons:\n\n");
        if (d.reasons().isEmpty()) {
            out.append("- no threshold was breached\n");
        }
        for (Reason r : d.reasons()) {
            out.append("- ").append(MarkdownEscape.inline(r.message())).append(" — ")
                    .append(r.hard() ? "hard signal" : "soft signal").append(r.synthetic() ? "; " + SYNTHETIC : "")
                    .append('\n');
        }
        if (!d.readings().isEmpty()) {
            out.append('\n');
            MarkdownTable table = new MarkdownTable("Signal", "Value", "Read at (UTC)", "Note");
            for (Reading r : d.readings()) {
                table.row(r.signal().label(), r.isGap() ? "–" : Numbers.format(r.value()), times.time(r.at()),
                        r.isGap() ? "gap: " + MarkdownEscape.inline(r.gap()) + " (neither a breach nor a recovery)"
                                : r.synthetic() ? SYNTHETIC : "");
            }
            table.appendTo(out);
        }
        if (!d.notes().isEmpty()) {
            out.append("\nNotes:\n\n");
            d.notes().forEach(n -> out.append("- ").append(MarkdownEscape.inline(n)).append('\n'));
        }
    }

    static void verification(IncidentReport report, ReportTimes times, StringBuilder out) {
        out.append("## Verification\n\n");
        if (report.verification().isEmpty()) {
            out.append("None recorded: check the service's metrics by hand and note the result under Impact.\n");
            return;
        }
        Verification v = report.verification().get();
        if (v.skipped() != null) {
            out.append("Skipped: ").append(MarkdownEscape.inline(v.skipped())).append(".\n");
            return;
        }
        out.append(v.passed() ? "**Passed**" : "**Failed**").append(" between ").append(times.time(v.startedAt()))
                .append(" and ").append(times.time(v.endedAt())).append(" UTC (window ")
                .append(Words.duration(v.window())).append(", tolerance ").append(Numbers.format(v.tolerancePercent()))
                .append("%).\n\n");
        MarkdownTable table = new MarkdownTable("Signal", "Bound", "Baseline", "Last value", "Recovered");
        for (SignalRecovery s : v.signals()) {
            table.row(s.signal().label(), comparison(s.comparison()) + " " + Numbers.format(s.bound()),
                    s.baseline() == null ? "–" : Numbers.format(s.baseline()),
                    s.lastValue() == null ? "no data: " + MarkdownEscape.inline(s.lastGap()) : Numbers.format(s.lastValue()),
                    recovery(s, times));
        }
        table.appendTo(out);
    }

    private static String recovery(SignalRecovery s, ReportTimes times) {
        if (!s.recovered()) {
            return "**not recovered**";
        }
        String at = times.time(s.recoveredAt());
        return s.took() == null ? "at " + at : "after " + Words.duration(s.took()) + " (" + at + ")";
    }

    private static String comparison(String comparison) {
        return switch (comparison == null ? "" : comparison) {
            case "<=" -> "≤";
            case ">=" -> "≥";
            default -> MarkdownEscape.inline(comparison);
        };
    }
}
