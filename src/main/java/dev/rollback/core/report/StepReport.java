package dev.rollback.core.report;

import dev.rollback.core.plan.StepSpec;

/**
 * One planned step and what the journal says became of it.
 *
 * @param number     1-based, as the plan printed it
 * @param applyError the FAILED entry's message, kept after the step is undone (why the rollback reverted); else null
 * @param undoError  the COMPENSATION_FAILED entry's message while the step is not undone; else null
 * @param observed   what the step saw after its last APPLIED or COMPENSATED; else null
 */
public record StepReport(int number, StepSpec spec, StepResult result, String applyError, String undoError,
        String observed) {

    public boolean failedToApply() {
        return applyError != null;
    }
}
