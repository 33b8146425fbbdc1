package dev.rollback.core.infra;

/** Where the object's rollout stands, as {@code kubectl rollout status} would say it. */
public enum RolloutPhase {
    /** the live revision is fully rolled out and available */
    COMPLETE,
    /** a rollout (or canary) is under way */
    PROGRESSING,
    /** a rollout stopped making progress (deadline exceeded, failing pods, aborted canary, failed release) */
    STUCK,
    /** the platform does not say */
    UNKNOWN
}
