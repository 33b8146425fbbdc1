package dev.rollback.core.decision;

/** What the decision framework says to do, mildest first. */
public enum Verdict {
    /** nothing breached: keep watching */
    MONITOR,
    /** a soft signal (model quality) breached: look before acting */
    INVESTIGATE_FIRST,
    /** a hard signal (revenue, errors, latency) breached: roll back now */
    ROLLBACK_IMMEDIATELY
}
