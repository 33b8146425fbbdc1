package dev.rollback.core.model;

import java.time.Instant;

/**
 * What the operator asked for.
 *
 * @param to            {@code healthy-baseline}, {@code previous}, or a version ("5" or "v5")
 * @param registryOnly  change the registry only, leave serving as it is
 * @param force         allow a target tagged as rolled back from (needs a reason)
 * @param reasonGiven   whether the operator typed a reason (a default reason does not justify --force)
 */
public record ModelRollbackRequest(String rollbackId, String to, String reason, boolean reasonGiven, String by,
        boolean registryOnly, boolean force, Instant now) {

    public static final String HEALTHY_BASELINE = "healthy-baseline";
    public static final String PREVIOUS = "previous";
}
