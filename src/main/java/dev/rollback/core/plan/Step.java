package dev.rollback.core.plan;

/**
 * An executable step. Every step knows how to undo itself, and both directions are idempotent:
 * after a crash the executor may repeat an {@code apply} or a {@code compensate} that already
 * happened, and that must be harmless.
 */
public interface Step {

    StepSpec spec();

    /** Makes the change; returns what was observed afterwards (for the journal). */
    String apply(StepContext context);

    /** Restores the {@code before} value; returns what was observed afterwards. */
    String compensate(StepContext context);
}
