package dev.rollback.core.infra;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a serving object's history, with its content, so the operator sees what a revision
 * number means before going back to it.
 *
 * @param createdAt      null when the platform does not say
 * @param modelReference the model it serves, "" when unknown
 * @param changeCause    {@code kubernetes.io/change-cause} or Helm's description, "" when none
 * @param status         platform status of the revision ("deployed", "superseded", "failed", ...), "" when none
 */
public record ServingRevision(long number, Instant createdAt, List<String> images, String modelReference,
        String changeCause, String status, boolean live) {

    public ServingRevision {
        images = List.copyOf(images);
    }
}
