package dev.rollback.core.journal;

import dev.rollback.core.plan.Plan;

import java.time.Instant;

/**
 * One write-ahead record. An INTENT is written (and flushed) before a step touches anything, so
 * after a crash the journal says exactly which step may have been half-done.
 *
 * @param step    index into the plan's steps, -1 for PLAN/END/NOTE
 * @param detail  observed value, error message or note
 * @param plan    only on the PLAN entry
 * @param outcome only on the END entry
 */
public record JournalEntry(Instant at, Type type, int step, String detail, Plan plan, Outcome outcome) {

    public enum Type {
        PLAN, INTENT, APPLIED, FAILED, COMPENSATE_INTENT, COMPENSATED, COMPENSATION_FAILED, NOTE, END
    }

    public static JournalEntry plan(Instant at, Plan plan) {
        return new JournalEntry(at, Type.PLAN, -1, null, plan, null);
    }

    public static JournalEntry step(Instant at, Type type, int step, String detail) {
        return new JournalEntry(at, type, step, detail, null, null);
    }

    public static JournalEntry note(Instant at, String detail) {
        return new JournalEntry(at, Type.NOTE, -1, detail, null, null);
    }

    public static JournalEntry end(Instant at, Outcome outcome, String detail) {
        return new JournalEntry(at, Type.END, -1, detail, null, outcome);
    }
}
