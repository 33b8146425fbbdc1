package dev.rollback.core.metrics;

/** A metrics query that could not be answered; the message is one line for the operator. */
public class MetricsException extends RuntimeException {

    public enum Kind {
        /** unreachable, timed out, 5xx, or the server's own timeout/overload */
        UNAVAILABLE,
        /** 401/403 */
        AUTH,
        /** the server rejected the query (bad PromQL) */
        BAD_QUERY,
        /** more than one series: the query must aggregate (sum, max, ...) to one number */
        AMBIGUOUS
    }

    private final Kind kind;

    public MetricsException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public MetricsException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
