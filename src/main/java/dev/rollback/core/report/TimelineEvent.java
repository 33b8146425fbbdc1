package dev.rollback.core.report;

import java.time.Instant;

/**
 * One line of the timeline: a journal entry, or one of the two instants a DECISION or VERIFICATION entry
 * carries besides its own (when the breach was first seen, when verification started).
 *
 * @param step   1-based step number for step entries; else null
 * @param target the step's target for step entries; else null
 * @param detail the entry's own detail (observed value, error, note), or a summary for PLAN, DECISION,
 *               VERIFICATION and END; may be null
 */
public record TimelineEvent(Instant at, Kind kind, Integer step, String target, String detail) {

    public enum Kind {
        BREACH_FIRST_SEEN, DECISION, PLAN, INTENT, APPLIED, FAILED, COMPENSATE_INTENT, COMPENSATED,
        COMPENSATION_FAILED, NOTE, END, VERIFICATION_STARTED, VERIFICATION
    }
}
