package dev.rollback.core.serving;

/** A serving-layer failure, classified; the message names the object and never holds credentials. */
public class ServingException extends RuntimeException {

    public enum Kind {
        /** the serving object (or its container / ConfigMap key) does not exist */
        NOT_FOUND,
        /** the object changed since it was read (stale resourceVersion): nothing was overwritten */
        CONFLICT,
        /** the cluster API did not answer */
        UNREACHABLE,
        /** 401/403 from the cluster */
        FORBIDDEN,
        /** the API server rejected the change (422, admission webhook, invalid value) */
        REJECTED
    }

    private final Kind kind;

    public ServingException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ServingException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
