package dev.rollback.cli.render;

import dev.rollback.core.Words;
import dev.rollback.core.report.IncidentReport;
import dev.rollback.core.report.Mttr;
import dev.rollback.core.report.Phase;
import dev.rollback.core.report.ReportStatus;
import dev.rollback.core.report.TimelineEvent;

import java.util.List;
import java.util.Locale;

/** The report's "Timeline" and "Phases" sections: when each thing happened, and how long each stretch took. */
final class MarkdownTimeline {

    private MarkdownTimeline() {
    }

    static void timeline(IncidentReport report, ReportTimes times, StringBuilder out) {
        out.append("## Timeline (UTC)\n\n");
        MarkdownTable table = new MarkdownTable("Time", "Event", "Detail");
        for (TimelineEvent e : report.timeline()) {
            table.row(times.time(e.at()), event(e), detail(e));
        }
        table.appendTo(out);
    }

    /** Failures are bold: they are what a reviewer looks for first. */
    private static String event(TimelineEvent e) {
        return switch (e.kind()) {
            case BREACH_FIRST_SEEN -> "breach first seen";
            case DECISION -> "metrics decision";
            case PLAN -> "rollback started";
            case INTENT -> "step " + e.step() + " started";
            case APPLIED -> "step " + e.step() + " applied";
            case FAILED -> "**step " + e.step() + " failed**";
            case COMPENSATE_INTENT -> "step " + e.step() + " undo started";
            case COMPENSATED -> "step " + e.step() + " undone";
            case COMPENSATION_FAILED -> "**step " + e.step() + " undo failed**";
            case NOTE -> "note";
            case END -> "rollback ended";
            case VERIFICATION_STARTED -> "verification started";
            case VERIFICATION -> "verification ended";
        };
    }

    /** An intent's detail already names its target ("target: before → after"); results get the target added. */
    private static String detail(TimelineEvent e) {
        boolean namesTarget = e.kind() == TimelineEvent.Kind.INTENT || e.kind() == TimelineEvent.Kind.COMPENSATE_INTENT;
        if (e.target() == null || namesTarget) {
            return MarkdownEscape.inline(e.detail());
        }
        return MarkdownEscape.inline(e.target()) + (e.detail() == null ? "" : ": " + MarkdownEscape.inline(e.detail()));
    }

    static void phases(IncidentReport report, ReportTimes times, StringBuilder out) {
        out.append("## Phases\n\n");
        MarkdownTable table = new MarkdownTable("Phase", "From (UTC)", "To (UTC)", "Took");
        for (Phase p : report.phases()) {
            table.row(name(p.name()), p.isRecorded() ? times.time(p.from()) : "–",
                    p.isRecorded() ? times.time(p.to()) : "–",
                    p.took().map(Words::duration).orElse("not recorded (" + MarkdownEscape.inline(p.missing()) + ")"));
        }
        Mttr mttr = report.mttr();
        table.row("**MTTR**", "", "", mttr.covers().isEmpty() ? "not recorded" : "**" + Words.duration(mttr.total()) + "**");
        table.appendTo(out);
        out.append('\n').append(mttrCoverage(report)).append('\n');
    }

    private static String name(Phase.Name name) {
        return switch (name) {
            case DETECTION -> "Detection: breach first seen → metrics decision";
            case TRIAGE -> "Triage: metrics decision → rollback started";
            case EXECUTION -> "Execution: rollback started → ended";
            case VERIFICATION -> "Verification: metrics checked after the rollback";
        };
    }

    /** Says what the MTTR covers, and what it leaves out, so a partial one is never read as the whole incident. */
    private static String mttrCoverage(IncidentReport report) {
        Mttr mttr = report.mttr();
        String covers = mttr.covers().isEmpty() ? "MTTR is not recorded: no phase was recorded."
                : mttr.complete() ? "MTTR is the sum of " + keys(mttr.covers()) + "."
                : "MTTR covers " + keys(mttr.covers()) + " only: " + keys(mttr.missing()) + " "
                        + (mttr.missing().size() == 1 ? "was" : "were") + " not recorded, so the incident took longer.";
        if (report.finished() && report.status() != ReportStatus.COMPLETED) {
            covers += " The rollback ended " + report.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + ", so this is time spent, not time to recovery.";
        }
        boolean notRecovered = report.verification().map(v -> v.skipped() == null && !v.passed()).orElse(false);
        return notRecovered ? covers + " Verification did not pass: the service had not recovered when it ended."
                : covers;
    }

    private static String keys(List<Phase.Name> names) {
        return Words.joinAnd(names.stream().map(Phase.Name::key).toList());
    }
}
