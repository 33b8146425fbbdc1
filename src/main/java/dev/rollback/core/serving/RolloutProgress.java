package dev.rollback.core.serving;

/** Replica counts of a rollout in progress, as {@code kubectl rollout status} reports them. */
public record RolloutProgress(int desired, int updated, int ready, int available) {

    public String describe() {
        return updated + "/" + desired + " updated, " + ready + " ready, " + available + " available";
    }
}
