package dev.rollback.core.status;

/** One problem found by {@code status}: a stable code for scripts and a sentence for people. */
public record StatusWarning(Code code, String message) {

    public enum Code {
        NO_LIVE_VERSION,
        SEVERAL_IN_STAGE,
        ALIAS_STAGE_DISAGREE,
        NO_HEALTHY_BASELINE,
        LIVE_ROLLED_BACK_FROM,
        /** serving runs another model than the registry's live version */
        SERVING_DRIFT,
        /** the serving rollout stopped making progress */
        ROLLOUT_STUCK,
        /** the serving object could not be read (cluster down, object missing, no permission) */
        SERVING_UNREADABLE
    }
}
