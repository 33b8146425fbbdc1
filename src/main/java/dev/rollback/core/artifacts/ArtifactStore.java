package dev.rollback.core.artifacts;

import java.util.Optional;

/** Where model artifacts live (e.g. S3), checked before a rollback points serving at them. */
public interface ArtifactStore {

    /** Whether this store can check the URI (e.g. {@code s3://...}). */
    boolean handles(String uri);

    /**
     * The artifact's fingerprint, or empty when nothing is there. For a model directory (an MLflow
     * model is a prefix holding {@code MLmodel} and files) the fingerprint covers every object below
     * it, so a file overwritten in place changes it.
     */
    Optional<ArtifactFingerprint> fingerprint(String uri);
}
