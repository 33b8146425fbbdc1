package dev.rollback.core.artifacts;

/** The artifact store could not be asked (unreachable, access denied); a missing artifact is not an error. */
public class ArtifactStoreException extends RuntimeException {

    public ArtifactStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
