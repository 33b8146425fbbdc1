package dev.rollback.core.registry;

/**
 * A registry failure, already classified so the CLI can say what to do about it. The message
 * names the thing (model, version, alias, registry URI) and never contains credentials.
 */
public class RegistryException extends RuntimeException {

    public enum Kind {
        /** model, version, alias or run does not exist */
        NOT_FOUND,
        /** 401: no or wrong credentials */
        UNAUTHENTICATED,
        /** 403: credentials valid, permission missing */
        PERMISSION_DENIED,
        /** connection refused, DNS failure, TLS failure */
        UNREACHABLE,
        /** no answer within the configured timeout */
        TIMEOUT,
        /** the registry rejected the request as invalid (400) */
        INVALID_REQUEST,
        /** 409: concurrent modification or already exists */
        CONFLICT,
        /** 429 after the retries */
        RATE_LIMITED,
        /** 5xx after the retries */
        SERVER_ERROR
    }

    private final Kind kind;
    private final String registryUri;

    public RegistryException(Kind kind, String registryUri, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.registryUri = registryUri;
    }

    public RegistryException(Kind kind, String registryUri, String message) {
        this(kind, registryUri, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public String registryUri() {
        return registryUri;
    }
}
