package dev.rollback.core.report;

import dev.rollback.core.journal.Outcome;

import java.util.Optional;

/** How the rollback stands: its END entry's outcome, or UNFINISHED while there is none (resume or abort it). */
public enum ReportStatus {
    COMPLETED, REVERTED, ABORTED, NEEDS_ATTENTION, UNFINISHED;

    static ReportStatus of(Optional<Outcome> outcome) {
        return outcome.map(o -> valueOf(o.name())).orElse(UNFINISHED);
    }
}
