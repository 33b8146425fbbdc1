package dev.rollback.core.features;

import java.time.Instant;

/**
 * What the operator asked for.
 *
 * @param target a commit, tag or branch, or {@link #PREVIOUS}: the state before the last change to the
 *               pipeline paths
 * @param push   also push the rollback branch to the git remote (CI takes it from there)
 */
public record FeatureRollbackRequest(String rollbackId, String target, String reason, String by, boolean push,
        Instant now) {

    public static final String PREVIOUS = "previous";
}
