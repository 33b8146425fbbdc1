package dev.rollback.core.infra;

import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.RolloutProgress;
import dev.rollback.core.serving.RolloutWatcher;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A serving platform that keeps its own revision history and can go back in it: a Deployment
 * (ReplicaSets), a Helm release, an Argo Rollout, a KServe InferenceService. One adapter per kind.
 * <p>
 * Failures are {@link dev.rollback.core.serving.ServingException}s (classified: NOT_FOUND, CONFLICT,
 * UNREACHABLE, FORBIDDEN, REJECTED); a rollback that cannot be done as asked is a
 * {@link dev.rollback.core.Refusal} whose message says why and what to do. Neither ever holds credentials.
 */
public interface ServingPlatform extends RolloutWatcher {

    /** deployment | helm | argo-rollout | kserve, as in rollback.yaml. */
    String kind();

    /** For plans and messages, e.g. "Deployment ml-serving/model-server", "Helm release ml-serving/recsys". */
    @Override
    String describe();

    /** What runs now. A merely unhealthy object is described, not thrown. */
    ServingState read();

    /** Every revision the platform still remembers, oldest first, with the live one marked. */
    List<ServingRevision> history();

    /**
     * Decides the undo without changing anything: which revision (or canary state) to go back to, and
     * everything {@link #apply}/{@link #revert} need in {@link InfraChange#params()} (the journal stores
     * them, so a resume after a crash replays the same change). Throws a Refusal when the undo is impossible
     * or unsafe (history too short, unknown revision, release stuck in pending-*, ...).
     */
    InfraChange planUndo(UndoRequest request);

    /** Makes the planned change. Idempotent: after a crash it may run again and must find it done. */
    String apply(Map<String, String> params, ChangeContext context);

    /** Puts back what was live before {@link #apply}, and is idempotent in the same way. */
    String revert(Map<String, String> params, ChangeContext context);

    /**
     * Waits until the object is stable and serving, reporting progress about once a second. Never throws for
     * a rollout that is merely slow: the outcome says what is wrong (failing pods and why).
     */
    @Override
    RolloutOutcome awaitRollout(Duration timeout, Consumer<RolloutProgress> progress);
}
