package dev.rollback.core.status;

/** One problem found by {@code status}: a stable code for scripts and a sentence for people. */
public record StatusWarning(Code code, String message) {

    public enum Code {
        NO_LIVE_VERSION,
        SEVERAL_IN_STAGE,
        ALIAS_STAGE_DISAGREE,
        NO_HEALTHY_BASELINE,
        LIVE_ROLLED_BACK_FROM
    }
}
