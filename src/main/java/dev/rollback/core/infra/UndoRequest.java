package dev.rollback.core.infra;

import java.util.OptionalLong;

/**
 * What the operator asked for.
 *
 * @param toRevision  the revision to go back to; empty = the one live before the current one
 * @param fixPending  the operator confirmed the fix for a Helm release stuck in pending-* (see HelmPlatform)
 */
public record UndoRequest(OptionalLong toRevision, boolean fixPending) {

    public static UndoRequest previous() {
        return new UndoRequest(OptionalLong.empty(), false);
    }
}
