package dev.rollback.cli.render;

import dev.rollback.core.Words;
import dev.rollback.core.decision.Decision;
import dev.rollback.core.decision.Reason;
import dev.rollback.core.decision.Verification;
import dev.rollback.core.report.ChangeSummary;
import dev.rollback.core.report.IncidentReport;
import dev.rollback.core.report.LayerReport;
import dev.rollback.core.report.ReportWords;
import dev.rollback.core.report.StepReport;
import dev.rollback.core.report.StepResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The report's one-paragraph summary: sentences built from the report's facts, nothing inferred. */
final class MarkdownSummary {

    private MarkdownSummary() {
    }

    static String paragraph(IncidentReport report, ReportTimes times) {
        List<String> sentences = new ArrayList<>();
        ChangeSummary c = report.change();
        String change = !c.known() ? "" : (c.from() == null ? "" : " from " + MarkdownEscape.inline(c.from()))
                + " to " + MarkdownEscape.inline(c.to());
        sentences.add("On " + ReportTimes.dateTime(report.startedAt()) + " UTC, " + MarkdownEscape.inline(report.by())
                + " started a " + MarkdownEscape.inline(report.kind()) + " rollback of "
                + MarkdownEscape.inline(report.service()) + change + ".");
        sentences.add("Reason given: “" + MarkdownEscape.inline(report.reason()) + "”.");
        sentences.add(report.decision().map(d -> decision(d, times))
                .orElse("No metrics decision is recorded: it was started by hand."));
        sentences.add(plan(report));
        sentences.add(ending(report, times));
        sentences.add(report.verification().map(MarkdownSummary::verification).orElse("No verification is recorded."));
        return String.join(" ", sentences);
    }

    private static String decision(Decision d, ReportTimes times) {
        String why = d.reasons().isEmpty() ? "no threshold was breached" : reasons(d.reasons());
        return "It followed a metrics decision at " + times.time(d.at()) + " UTC to "
                + ReportWords.verdict(d.verdict()) + ": " + why + ".";
    }

    private static String plan(IncidentReport report) {
        List<String> changed = report.layers().stream().filter(LayerReport::changed)
                .map(l -> ReportPhrases.layerInSentence(l.layer())).toList();
        List<String> unchanged = report.layers().stream().filter(l -> !l.changed())
                .map(l -> ReportPhrases.layerInSentence(l.layer())).toList();
        int steps = report.steps().size();
        String sentence = "The plan had " + steps + " step" + (steps == 1 ? "" : "s")
                + (changed.isEmpty() ? "" : " changing " + Words.joinAnd(changed));
        return sentence + (unchanged.isEmpty() ? "." : " and left " + Words.joinAnd(unchanged) + " unchanged.");
    }

    private static String ending(IncidentReport report, ReportTimes times) {
        String when = report.endedAt().map(end -> " at " + times.time(end) + " UTC, "
                + Words.duration(Duration.between(report.startedAt(), end)) + " after it started").orElse("");
        int total = report.steps().size();
        return switch (report.status()) {
            case COMPLETED -> "It completed" + when + (total == 1 ? ": its one step applied." : ": all " + total
                    + " steps applied.");
            case REVERTED -> "It was reverted" + when + ": " + firstFailure(report)
                    + ", and every change was undone, so the system is as it was before.";
            case ABORTED -> "It was aborted" + when + " and every applied change was undone.";
            case NEEDS_ATTENTION -> "It ended" + when + " needing attention: " + stuck(report)
                    + " could not be undone, so part of the change may still be live.";
            case UNFINISHED -> "It is unfinished: " + report.count(StepResult.APPLIED) + " of " + total
                    + " steps applied so far; " + ReportPhrases.resumeOrAbort(report) + ".";
        };
    }

    private static String firstFailure(IncidentReport report) {
        return report.steps().stream().filter(StepReport::failedToApply).findFirst()
                .map(s -> "step " + s.number() + " (" + MarkdownEscape.inline(s.spec().target()) + ") failed: "
                        + MarkdownEscape.inline(s.applyError()))
                .orElse("a step failed");
    }

    private static String stuck(IncidentReport report) {
        List<String> steps = report.steps().stream().filter(s -> s.result() == StepResult.UNDO_FAILED)
                .map(s -> "step " + s.number() + " (" + MarkdownEscape.inline(s.spec().target()) + ")").toList();
        return steps.isEmpty() ? "a step" : Words.joinAnd(steps);
    }

    private static String verification(Verification v) {
        if (v.skipped() != null) {
            return "Verification was skipped: " + MarkdownEscape.inline(v.skipped()) + ".";
        }
        long recovered = v.signals().stream().filter(Verification.SignalRecovery::recovered).count();
        return (v.passed() ? "Verification passed: " : "Verification failed: ") + recovered + " of "
                + v.signals().size() + " signals recovered within the " + Words.duration(v.window()) + " window.";
    }

    private static String reasons(List<Reason> reasons) {
        return String.join("; ", reasons.stream().map(r -> MarkdownEscape.inline(r.message())).toList());
    }
}
