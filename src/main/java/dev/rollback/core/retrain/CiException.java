package dev.rollback.core.retrain;

/** A CI failure, classified; the message says what and what to do, and never holds a token. */
public class CiException extends RuntimeException {

    public enum Kind {
        /** 401/403: the token is missing, wrong, expired or lacks the permission (named in the message) */
        AUTH,
        /** 404: the project, repository, workflow or job does not exist (or the token cannot see it) */
        NOT_FOUND,
        /** 400/422: the system refused the request (unknown ref, undeclared input...) */
        REJECTED,
        /** unreachable, timed out, or still 429/5xx after the retries */
        UNAVAILABLE
    }

    private final Kind kind;

    public CiException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public CiException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
