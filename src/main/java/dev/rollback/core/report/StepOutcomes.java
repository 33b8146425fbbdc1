package dev.rollback.core.report;

import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.plan.Plan;

import java.util.ArrayList;
import java.util.List;

/** Each planned step's fate, replayed from the journal in order: the last entry about a step decides. */
final class StepOutcomes {

    private StepOutcomes() {
    }

    static List<StepReport> of(Plan plan, List<JournalEntry> entries) {
        List<StepReport> reports = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            StepResult result = StepResult.NOT_RUN;
            String applyError = null;
            String undoError = null;
            String observed = null;
            for (JournalEntry e : entries) {
                if (e.step() != i) {
                    continue;
                }
                switch (e.type()) {
                    case INTENT -> result = StepResult.STARTED;
                    case APPLIED -> {
                        result = StepResult.APPLIED;
                        observed = e.detail();
                        applyError = null; // a resume repeated it successfully
                    }
                    case FAILED -> {
                        result = StepResult.FAILED;
                        applyError = e.detail();
                    }
                    case COMPENSATE_INTENT -> result = StepResult.UNDOING;
                    case COMPENSATED -> {
                        result = StepResult.UNDONE;
                        observed = e.detail();
                        undoError = null; // an abort retried the undo successfully
                    }
                    case COMPENSATION_FAILED -> {
                        result = StepResult.UNDO_FAILED;
                        undoError = e.detail();
                    }
                    default -> {
                    }
                }
            }
            reports.add(new StepReport(i + 1, plan.steps().get(i), result, applyError, undoError, observed));
        }
        return reports;
    }
}
