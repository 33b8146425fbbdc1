package dev.rollback.core.history;

import java.time.Instant;

/**
 * One change of what is live: a rollback (from a journal, or from registry tags when the journal is on
 * another machine) or a promotion prepared by CI.
 *
 * @param kind    ROLLBACK | PROMOTION
 * @param outcome COMPLETED, REVERTED, ABORTED, NEEDS_ATTENTION, UNFINISHED, or PREPARED for promotions
 * @param source  journal | registry
 */
public record HistoryEvent(Instant at, String kind, String id, String from, String to, String by, String reason,
        String outcome, String source) {
}
