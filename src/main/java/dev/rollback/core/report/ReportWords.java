package dev.rollback.core.report;

import dev.rollback.core.decision.Verdict;
import dev.rollback.core.journal.Outcome;

import java.util.Locale;

/** The few enum values a report spells out for people, shared by the builder's summaries and the renderers. */
public final class ReportWords {

    private ReportWords() {
    }

    /** "roll back immediately". */
    public static String verdict(Verdict verdict) {
        return switch (verdict) {
            case MONITOR -> "monitor";
            case INVESTIGATE_FIRST -> "investigate first";
            case ROLLBACK_IMMEDIATELY -> "roll back immediately";
        };
    }

    /** "needs attention". */
    public static String outcome(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
