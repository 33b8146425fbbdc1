package dev.rollback.core.retrain;

import java.time.Instant;

/**
 * What the operator asked for.
 *
 * @param configRef the training code/config ref; null = the ref in rollback.yaml
 * @param follow    --wait: the caller will follow the run, so the CI system must be able to report it
 */
public record RetrainRequest(String rollbackId, String datasetVersion, String configRef, String reason, String by,
        boolean follow, Instant now) {
}
