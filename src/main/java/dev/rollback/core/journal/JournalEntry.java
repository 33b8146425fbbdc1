package dev.rollback.core.journal;

import dev.rollback.core.decision.Decision;
import dev.rollback.core.decision.Verification;
import dev.rollback.core.plan.Plan;

import java.time.Instant;

/**
 * One write-ahead record. An INTENT is written (and flushed) before a step touches anything, so
 * after a crash the journal says exactly which step may have been half-done.
 *
 * @param step         index into the plan's steps, -1 for PLAN/END/NOTE/DECISION/VERIFICATION
 * @param detail       observed value, error message or note
 * @param plan         only on the PLAN entry
 * @param outcome      only on the END entry
 * @param decision     only on a DECISION entry: the metrics decision that triggered the rollback (watch, drill),
 *                     with its readings; {@code at} is when it was made, which may be before the PLAN entry
 * @param verification only on a VERIFICATION entry: whether the metrics recovered after the rollback
 */
public record JournalEntry(Instant at, Type type, int step, String detail, Plan plan, Outcome outcome,
        Decision decision, Verification verification) {

    public enum Type {
        PLAN, INTENT, APPLIED, FAILED, COMPENSATE_INTENT, COMPENSATED, COMPENSATION_FAILED, NOTE, END, DECISION,
        VERIFICATION
    }

    public static JournalEntry plan(Instant at, Plan plan) {
        return new JournalEntry(at, Type.PLAN, -1, null, plan, null, null, null);
    }

    public static JournalEntry step(Instant at, Type type, int step, String detail) {
        return new JournalEntry(at, type, step, detail, null, null, null, null);
    }

    public static JournalEntry note(Instant at, String detail) {
        return new JournalEntry(at, Type.NOTE, -1, detail, null, null, null, null);
    }

    public static JournalEntry end(Instant at, Outcome outcome, String detail) {
        return new JournalEntry(at, Type.END, -1, detail, null, outcome, null, null);
    }

    /** The decision that triggered this rollback; {@code at} is the decision's own time. */
    public static JournalEntry decision(Decision decision, String detail) {
        return new JournalEntry(decision.at(), Type.DECISION, -1, detail, null, null, decision, null);
    }

    public static JournalEntry verification(Instant at, Verification verification, String detail) {
        return new JournalEntry(at, Type.VERIFICATION, -1, detail, null, null, null, verification);
    }
}
