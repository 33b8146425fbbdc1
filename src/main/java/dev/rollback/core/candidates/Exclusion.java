package dev.rollback.core.candidates;

import dev.rollback.core.registry.ModelVersion;

/** A version that is not offered as a rollback target, and why. */
public record Exclusion(ModelVersion version, Reason reason, String detail) {

    public enum Reason {
        LIVE,
        ROLLED_BACK_FROM,
        NOT_READY,
        NO_EVIDENCE
    }
}
