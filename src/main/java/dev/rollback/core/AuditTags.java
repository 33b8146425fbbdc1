package dev.rollback.core;

/**
 * Version tags this tool reads and writes in the registry, so the registry alone tells the story
 * of every rollback (who, when, why, from where to where).
 */
public final class AuditTags {

    /** {@code rolled_back_from} on the version taken out of service, {@code rollback_target} on the one restored. */
    public static final String ROLE = "rollback.role";
    public static final String ROLE_ROLLED_BACK_FROM = "rolled_back_from";
    public static final String ROLE_ROLLBACK_TARGET = "rollback_target";
    public static final String EVENT_ID = "rollback.event_id";
    public static final String AT = "rollback.at";
    public static final String BY = "rollback.by";
    public static final String REASON = "rollback.reason";
    /** When a version stopped being live (ISO-8601); marks "was live before" for candidate ranking. */
    public static final String LIVE_UNTIL = "rollback.live_until";

    private AuditTags() {
    }
}
