package dev.rollback.core.journal;

/** How a rollback ended. */
public enum Outcome {
    /** every step applied: the system is fully rolled back */
    COMPLETED,
    /** a step failed and every applied step was undone: the system is exactly as it was */
    REVERTED,
    /** an operator aborted it and every applied step was undone */
    ABORTED,
    /** a step failed and undoing failed too: a human must look (the journal says where) */
    NEEDS_ATTENTION
}
