package dev.rollback.core.report;

/** Where one planned step ended up, by the last journal entry about it. */
public enum StepResult {
    /** no entry: the run ended (or stopped) before it */
    NOT_RUN,
    /** an INTENT without a result: the process stopped while the step ran, so it may be half-done */
    STARTED,
    APPLIED,
    /** failed and not (yet) undone */
    FAILED,
    /** an undo was started but its result is not recorded */
    UNDOING,
    UNDONE,
    /** the undo failed: this step's change may still be live, a person must look */
    UNDO_FAILED
}
