package dev.rollback.core.infra;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * What the operator asked for.
 *
 * @param toRevision  empty = the revision live before the current one
 * @param force       go ahead although a GitOps controller manages the object (needs a reason)
 * @param fixPending  apply the confirmed fix for a Helm release stuck in pending-*
 * @param both        also roll the registry back, in the same plan (the release changed model and serving)
 */
public record InfraRollbackRequest(String rollbackId, OptionalLong toRevision, String reason, boolean reasonGiven,
        String by, boolean force, boolean fixPending, boolean both, Instant now) {
}
