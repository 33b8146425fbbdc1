package dev.rollback.core.infra;

import java.util.List;
import java.util.Optional;

/**
 * The serving object as it is now, for {@code status} and for planning.
 *
 * @param revision        the live revision ("" when the platform has none)
 * @param modelReference  the model reference it actually serves ("" when unknown)
 * @param desired         desired replicas, -1 when the platform does not say
 * @param ready           ready replicas, -1 when the platform does not say
 * @param phaseDetail     why the phase is what it is ("ProgressDeadlineExceeded", "canary at 20%", ...), "" when none
 */
public record ServingState(String kind, String object, String revision, List<String> images, String modelReference,
        int desired, int ready, RolloutPhase phase, String phaseDetail, Optional<GitOpsOwner> gitOps) {

    public ServingState {
        images = List.copyOf(images);
    }
}
