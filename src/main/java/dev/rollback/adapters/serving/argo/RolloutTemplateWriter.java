package dev.rollback.adapters.serving.argo;

import dev.rollback.adapters.serving.argo.RolloutRevisions.Entry;
import dev.rollback.adapters.serving.kubernetes.JsonPatch;
import dev.rollback.core.infra.ChangeContext;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Carries out a planned Rollout undo (see {@link RolloutUndoPlanner}): puts a ReplicaSet's template back
 * into spec.template with a resourceVersion-carrying JSON Patch and the change cause, after
 * {@code status.abort=true} in abort mode. Idempotent: a template already in place is reported, not
 * rewritten; and a Rollout whose template is neither the planned "from" nor the target was changed by someone
 * else since the plan, so it is left alone (CONFLICT). A 409 caused by a status write alone is retried twice
 * (resourceVersion covers status too, and the controller writes it as soon as it sees the abort).
 */
final class RolloutTemplateWriter {

    private final RolloutApi api;
    private final String kubectlTarget;

    RolloutTemplateWriter(RolloutApi api, String kubectlTarget) {
        this.api = api;
        this.kubectlTarget = kubectlTarget;
    }

    /** What a write did; {@code changed} is false when the template was already in place. */
    private record Written(String message, boolean changed) {
    }

    String apply(Map<String, String> params, ChangeContext context) {
        return write(params.get("toHash"), params.get("toRevision"), params.get("fromHash"), params.get("fromRevision"),
                "abort".equals(params.get("mode")), context).message();
    }

    /**
     * Puts the planned "from" template back. After an abort-mode change Argo sees that template as a new update, so
     * the canary starts again from its first step: the step it had reached, and an earlier abort, are not
     * restorable (the controller clears status.abort whenever spec.template changes).
     */
    String revert(Map<String, String> params, ChangeContext context) {
        Written done = write(params.get("fromHash"), params.get("fromRevision"), params.get("toHash"), params.get("toRevision"), false, context);
        if (!"abort".equals(params.get("mode")) || !done.changed()) {
            return done.message();
        }
        return done.message() + "; Argo treats it as a new update, so the canary restarts from its first step"
                + ("true".equals(params.get("wasAborted")) ? " (it was aborted before the rollback: run 'kubectl argo rollouts abort "
                + kubectlTarget + "' to stop it again)" : "");
    }

    private Written write(String toHash, String toRevision, String fromHash, String fromRevision, boolean abortFirst, ChangeContext context) {
        Consumer<String> progress = context.progress() == null ? line -> { } : context.progress();
        RolloutView rollout = api.read();
        RolloutRevisions revisions = new RolloutRevisions(api.replicaSets(rollout));
        Entry target = revisions.byHash(toHash).orElseThrow(() -> new ServingException(Kind.NOT_FOUND, api.label()
                + ": the ReplicaSet of revision " + toRevision + " (hash " + toHash + ") is gone, pruned by spec.revisionHistoryLimit"
                + " or deleted; revisions now: " + revisions.numbers()));
        Map<String, Object> template = target.template();
        String what = "revision " + toRevision + "'s template (hash " + toHash + ")";
        if (RolloutTemplates.matches(rollout.template(), template)) {
            return new Written("spec.template of " + api.label() + " already holds " + what + "; nothing to do", false);
        }
        Map<String, Object> from = revisions.byHash(fromHash).map(Entry::template).orElse(null);
        if (from == null || !RolloutTemplates.matches(rollout.template(), from)) {
            throw new ServingException(Kind.CONFLICT, api.label() + " changed since the plan: spec.template holds neither revision "
                    + fromRevision + " (hash " + fromHash + ") nor " + what + "; nothing was changed");
        }
        RolloutView written = rollout;
        boolean aborting = abortFirst && !rollout.aborted();
        if (aborting) {
            progress.accept("aborting the update of " + api.label() + ": traffic back to stable revision " + toRevision);
            api.abort();
            written = api.read();
        }
        progress.accept("setting spec.template of " + api.label() + " to " + what);
        for (int attempt = 1; ; attempt++) {
            JsonPatch patch = new JsonPatch().requireResourceVersion(written.resourceVersion())
                    .op("replace", "/spec/template", template)
                    .putInMap("/metadata/annotations", written.annotations().isEmpty() ? null : written.annotations(),
                            RolloutApi.CHANGE_CAUSE, context.changeCause());
            try {
                api.patch(patch, written.resourceVersion());
                break;
            } catch (ServingException e) {
                // the controller's own status writes (it reacts to an abort at once) move resourceVersion too:
                // retry while spec.template is still the planned one, never over someone else's change
                if (e.kind() == Kind.CONFLICT && attempt < 3) {
                    written = api.read();
                    if (RolloutTemplates.matches(written.template(), from)) {
                        continue;
                    }
                }
                if (!abortFirst) {
                    throw e;
                }
                throw new ServingException(e.kind(), api.label() + " is aborted (traffic back on stable revision " + toRevision
                        + "), but spec.template still holds revision " + fromRevision + ": " + e.getMessage(), e);
            }
        }
        return new Written((aborting ? "aborted the update and set" : "set") + " spec.template of " + api.label() + " to " + what, true);
    }
}
