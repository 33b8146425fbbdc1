package dev.rollback.adapters.serving.argo;

import dev.rollback.adapters.serving.argo.RolloutRevisions.Entry;
import dev.rollback.core.Refusal;
import dev.rollback.core.infra.GitOps;
import dev.rollback.core.infra.InfraChange;
import dev.rollback.core.infra.UndoRequest;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides a Rollout's undo. Two cases, because Argo has two different "go back"s (argo-rollouts#1614):
 * <ul>
 * <li>an update (canary or blue-green) is in progress or aborted and no revision was asked for: <b>abort</b> mode,
 * back to the stable revision. {@code kubectl argo rollouts abort} alone moves traffic back to stable but leaves
 * the bad template in spec.template, and the update resumes as soon as anyone leaves the aborted state
 * (retry, a GitOps re-sync); so the change aborts first and then writes the stable template, as
 * {@code kubectl argo rollouts undo} would. The Rollout ends stable, not aborted.</li>
 * <li>otherwise <b>undo</b> mode: spec.template gets the template of the previous (or the asked) revision's
 * ReplicaSet, chosen by owner reference and revision annotation.</li>
 * </ul>
 * Params hold revision numbers and template hashes only: templates are read again from the ReplicaSets at
 * apply time, since they may hold secrets in env values.
 */
final class RolloutUndoPlanner {

    private final String label;
    private final String kubectlTarget;
    private final TemplateModelReference model;

    RolloutUndoPlanner(String label, String kubectlTarget, TemplateModelReference model) {
        this.label = label;
        this.kubectlTarget = kubectlTarget;
        this.model = model;
    }

    InfraChange plan(RolloutView rollout, RolloutRevisions revisions, UndoRequest request) {
        Entry current = revisions.current(rollout).orElseThrow(() -> new Refusal(label + " holds a spec.template that the"
                + " Argo Rollouts controller has not rolled out yet (no ReplicaSet matches it); wait until"
                + " 'kubectl argo rollouts get rollout " + kubectlTarget + "' shows its revision, then plan again"));
        Map<String, String> params = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        String action;
        Entry target;
        if (request.toRevision().isEmpty() && rollout.updating()) {
            target = revisions.byHash(rollout.stableHash()).orElseThrow(() -> new Refusal(label + ": the stable ReplicaSet (hash "
                    + rollout.stableHash() + ") is gone, so there is no stable revision to go back to; revisions: " + revisions.numbers()));
            String update = "canary".equals(rollout.strategy()) ? "canary" : "blue-green update";
            action = rollout.aborted()
                    ? "complete the aborted " + update + ": traffic is already on stable revision " + target.number()
                            + "; set spec.template back to it so the abort is not undone when someone un-aborts"
                    : "abort the " + update + ": traffic back to stable revision " + target.number()
                            + ", then set spec.template back to the stable one so the abort is not undone when someone un-aborts";
            params.put("mode", "abort");
            params.put("wasAborted", String.valueOf(rollout.aborted()));
            notes.add("abort vs undo: 'kubectl argo rollouts abort' alone moves traffic back to stable but leaves revision "
                    + current.number() + " in spec.template, and the " + update + " resumes as soon as the Rollout leaves the aborted"
                    + " state (argo-rollouts#1614). So this sets status.abort=true first (traffic back to stable at once, even if the"
                    + " next write fails), then writes revision " + target.number() + "'s template into spec.template, as"
                    + " 'kubectl argo rollouts undo' would; the controller recognizes the stable template, skips the steps and clears"
                    + " the abort. The Rollout ends stable, not aborted.");
        } else {
            target = target(rollout, revisions, current, request);
            action = "undo to revision " + target.number() + (target.hash().equals(rollout.stableHash()) ? " (the stable one)" : "");
            params.put("mode", "undo");
            if (!target.hash().equals(rollout.stableHash()) && "canary".equals(rollout.strategy()) && !rollout.steps().isEmpty()) {
                notes.add("revision " + target.number() + " is not the stable revision, so Argo runs it through the canary steps again"
                        + " (argo-rollouts#2168) unless spec.rollbackWindow covers it; at a pause step it waits for"
                        + " 'kubectl argo rollouts promote " + kubectlTarget + "' (--full skips the remaining steps)");
            }
            if (rollout.updating()) {
                notes.add("the update to revision " + current.number() + " in progress stops: its ReplicaSet is scaled down");
            }
        }
        params.put("fromHash", current.hash());
        params.put("fromRevision", String.valueOf(current.number()));
        params.put("toHash", target.hash());
        params.put("toRevision", String.valueOf(target.number()));
        params.put("resourceVersion", rollout.resourceVersion());
        notes.add("Argo numbers the template it returns to as a new revision; revision " + current.number()
                + "'s ReplicaSet stays in the history, scaled down");
        notes.add("not changed: replica count, Services, AnalysisTemplates, ConfigMaps and Secrets the pods read");
        GitOps.detect(rollout.labels(), rollout.annotations()).ifPresent(owner -> notes.add(owner.tool() + " manages " + label
                + " (" + owner.owner() + ") and puts git's template back at its next sync: run '" + owner.pause() + "' first"));
        String before = "revision " + current.number() + (rollout.updating() && current.hash().equals(rollout.currentHash())
                ? " (" + (rollout.aborted() ? "aborted " : "") + rollout.strategy() + ", " + rollout.weight() + "% traffic)" : "");
        return new InfraChange(action, before + ": " + content(current), "revision " + target.number() + ": " + content(target),
                model.find(template(target)).orElse(""), params, notes);
    }

    private Entry target(RolloutView rollout, RolloutRevisions revisions, Entry current, UndoRequest request) {
        if (request.toRevision().isPresent()) {
            long asked = request.toRevision().getAsLong();
            Entry target = revisions.byNumber(asked).orElseThrow(() -> new Refusal(label + " has no revision " + asked
                    + "; it remembers revisions " + revisions.numbers() + " (" + current.number() + " is in spec.template)"));
            if (target.hash().equals(current.hash())) {
                throw new Refusal("revision " + asked + " is what spec.template of " + label + " already holds; nothing to undo");
            }
            return target;
        }
        return revisions.all().stream().filter(e -> !e.hash().equals(current.hash())).reduce((a, b) -> b)
                .orElseThrow(() -> new Refusal("history too short: " + label + " remembers only revision " + current.number()
                        + " (the one in spec.template), so there is nothing to go back to; spec.revisionHistoryLimit"
                        + " sets how many old ReplicaSets Argo keeps"));
    }

    /** "images registry/model-server:1.4.2, registry/metrics:0.9; model models:/fraud/7" */
    String content(Entry entry) {
        PodTemplateSpec template = template(entry);
        return "images " + String.join(", ", RolloutTemplates.images(template)) + "; model " + model.find(template).orElse("unknown");
    }

    private static PodTemplateSpec template(Entry entry) {
        return RolloutTemplates.podTemplate(entry.template());
    }
}
