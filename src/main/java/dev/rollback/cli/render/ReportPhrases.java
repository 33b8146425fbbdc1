package dev.rollback.cli.render;

import dev.rollback.core.report.ChangeSummary;
import dev.rollback.core.report.IncidentReport;
import dev.rollback.core.report.StepReport;

/** The report's fixed wording for statuses, layers and step results (plain text; callers escape user text). */
final class ReportPhrases {

    private ReportPhrases() {
    }

    /** The header's status line, as Markdown (it may name the commands to run). */
    static String status(IncidentReport report) {
        return switch (report.status()) {
            case COMPLETED -> "completed: every step applied";
            case REVERTED -> "reverted: a step failed and every change was undone; the system is as it was";
            case ABORTED -> "aborted by an operator: every applied change was undone";
            case NEEDS_ATTENTION -> "**needs attention**: a change could not be undone (see What changed)";
            case UNFINISHED -> "**unfinished**: " + resumeOrAbort(report);
        };
    }

    /** "v7 → v5", "serving revision 3 → 2"; null when the steps do not say. */
    static String change(ChangeSummary change) {
        if (!change.known()) {
            return null;
        }
        String prefix = change.subject().equals("model") ? "" : change.subject() + " ";
        return prefix + (change.from() == null ? "" : change.from() + " → ") + change.to();
    }

    /** "Model registry". */
    static String layer(String layer) {
        return switch (layer) {
            case "model" -> "Model registry";
            case "serving" -> "Serving";
            case "features" -> "Feature pipeline";
            case "data" -> "Training data";
            default -> MarkdownEscape.inline(layer);
        };
    }

    /** The same in a sentence: "the model registry". */
    static String layerInSentence(String layer) {
        return switch (layer) {
            case "model" -> "the model registry";
            case "serving" -> "serving";
            case "features" -> "the feature pipeline";
            case "data" -> "the training data";
            default -> MarkdownEscape.inline(layer);
        };
    }

    /** A step's result cell, as Markdown: errors are user text and get escaped. */
    static String result(StepReport step) {
        String failed = step.failedToApply() ? "failed: " + MarkdownEscape.inline(step.applyError()) + "; " : "";
        return switch (step.result()) {
            case NOT_RUN -> "not run";
            case STARTED -> "**started, result not recorded** (interrupted: it may be half-done)";
            case APPLIED -> "applied";
            case FAILED -> "**failed**: " + MarkdownEscape.inline(step.applyError());
            case UNDOING -> failed + "**undo started, result not recorded** (interrupted)";
            case UNDONE -> step.failedToApply() ? failed + "undone" : "applied, then undone";
            case UNDO_FAILED -> failed + "**could not be undone**: " + MarkdownEscape.inline(step.undoError());
        };
    }

    /** "run `rollback resume ID` to finish it or `rollback abort ID` to undo it". */
    static String resumeOrAbort(IncidentReport report) {
        return "run " + MarkdownEscape.code("rollback resume " + report.id()) + " to finish it or "
                + MarkdownEscape.code("rollback abort " + report.id()) + " to undo it";
    }
}
