package dev.rollback.core.watch;

import dev.rollback.core.decision.Decision;

/**
 * Something the watch loop reports: every check, and the moments that matter (a gap, a streak reset, a soft
 * alert or its clearing, the rollback).
 *
 * @param streak consecutive hard breaches so far, after this check
 * @param message one line for people, with the numbers
 */
public record WatchEvent(Kind kind, Decision decision, int streak, int needed, String message) {

    public enum Kind {
        /** a check with no hard breach and nothing else to say */
        OK,
        /** a hard breach; the streak grew */
        HARD_BREACH,
        /** a hard signal could not be read: neither a breach nor a recovery, the streak is kept as it is */
        GAP,
        /** a check without a hard breach ended a streak */
        STREAK_RESET,
        /** a soft signal breached (or the set of breached soft signals changed): alert, do not act */
        SOFT_ALERT,
        /** the soft breach is over */
        SOFT_CLEARED,
        /** the streak reached the needed count: rolling back */
        ROLLING_BACK
    }

    /** Worth an alert (stdout and the webhook): not the routine checks. */
    public boolean alert() {
        return kind == Kind.SOFT_ALERT || kind == Kind.SOFT_CLEARED || kind == Kind.ROLLING_BACK;
    }
}
