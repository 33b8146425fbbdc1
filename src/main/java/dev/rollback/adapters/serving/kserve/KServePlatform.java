package dev.rollback.adapters.serving.kserve;

import dev.rollback.adapters.serving.kserve.InferenceServiceView.Traffic;
import dev.rollback.adapters.serving.kubernetes.JsonPatch;
import dev.rollback.core.Refusal;
import dev.rollback.core.infra.ChangeContext;
import dev.rollback.core.infra.GitOps;
import dev.rollback.core.infra.InfraChange;
import dev.rollback.core.infra.ServingPlatform;
import dev.rollback.core.infra.ServingRevision;
import dev.rollback.core.infra.ServingState;
import dev.rollback.core.infra.UndoRequest;
import dev.rollback.core.serving.RolloutOutcome;
import dev.rollback.core.serving.RolloutProgress;
import dev.rollback.core.serving.ServingBinding;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A KServe InferenceService (serving.kserve.io/v1beta1). KServe keeps no revision history to pick from: only
 * its previous rolled-out revision, which gets traffic while spec.predictor.canaryTrafficPercent is set. So the
 * one undo it offers is the canary rollback KServe documents: canaryTrafficPercent to 0, all traffic back to
 * the "prev" revision (status latestRolledoutRevision). Serving another model is {@code rollback model}, through
 * {@link #binding()}: ServingPlatform and ServingBinding both declare a {@code read()} with different results,
 * so one class cannot be both.
 */
public final class KServePlatform implements ServingPlatform {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final InferenceServiceApi api;

    public KServePlatform(KubernetesClient client, String namespace, String name) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
        this.api = new InferenceServiceApi(client, namespace, name);
    }

    /** The same InferenceService's storageUri as a {@link ServingBinding}, for {@code rollback model}. */
    public ServingBinding binding() {
        return new KServeBinding(client, namespace, name);
    }

    @Override
    public String kind() {
        return "kserve";
    }

    @Override
    public String describe() {
        return api.label();
    }

    /** Replica counts are Knative's autoscaler's business; the InferenceService does not report them (-1). */
    @Override
    public ServingState read() {
        InferenceServiceView isvc = api.read();
        KServeStatus.Phase phase = KServeStatus.phase(isvc);
        String revision = isvc.predictorStatus("latestRolledoutRevision");
        return new ServingState(kind(), describe(), revision.isEmpty() ? isvc.predictorStatus("latestReadyRevision") : revision,
                isvc.images(), isvc.storageUri().orElse(""), -1, -1, phase.phase(), phase.detail(), GitOps.detect(isvc.labels(), isvc.annotations()));
    }

    @Override
    public List<ServingRevision> history() {
        return KServeStatus.history(api.read());
    }

    @Override
    public InfraChange planUndo(UndoRequest request) {
        InferenceServiceView isvc = api.read();
        String previous = isvc.predictorStatus("latestRolledoutRevision");
        if (request.toRevision().isPresent()) {
            throw new Refusal(api.label() + " cannot go back to revision " + request.toRevision().getAsLong() + ": KServe keeps no revision"
                    + " history to choose from, only the previous rolled-out revision" + (previous.isEmpty() ? "" : " (" + previous + ")")
                    + ", which it routes to while a canary is configured; to serve another model run 'rollback model <service> --to VERSION'");
        }
        int percent = isvc.canaryPercent().orElse(100);
        String latest = isvc.latestTarget().map(Traffic::revision).orElse(isvc.predictorStatus("latestReadyRevision"));
        if (percent == 0 && !previous.isEmpty()) {
            throw new Refusal("nothing to undo: the canary on " + api.label() + " is already at 0%, all traffic is on previous revision " + previous);
        }
        if (percent >= 100 || previous.isEmpty() || previous.equals(latest)) {
            String created = isvc.predictorStatus("latestCreatedRevision");
            // Knative routes nothing to a revision that is not ready: a broken canary gets no traffic to take back
            String unready = !created.isEmpty() && !created.equals(isvc.predictorStatus("latestReadyRevision"))
                    ? " (latest revision " + created + " is not ready, so KServe routes no traffic to it)" : "";
            throw new Refusal("no canary in progress on " + api.label() + unready + "; to serve another model run"
                    + " 'rollback model <service> --to previous' (re-points storageUri)");
        }
        List<String> notes = new ArrayList<>();
        notes.add("spec keeps storageUri " + isvc.storageUri().orElse("(none)") + " and canaryTrafficPercent 0: removing canaryTrafficPercent"
                + " or any later change sends traffic to the latest revision again; to make the previous model the spec, run"
                + " 'rollback model <service> --to previous'");
        notes.add("KServe does not record which model revision " + previous + " serves; only its name is known");
        GitOps.detect(isvc.labels(), isvc.annotations()).ifPresent(owner -> notes.add(owner.tool() + " manages " + api.label()
                + " (" + owner.owner() + ") and puts git's canaryTrafficPercent back at its next sync: run '" + owner.pause() + "' first"));
        Map<String, String> params = Map.of("canaryTrafficPercent", String.valueOf(percent), "previousRevision", previous,
                "latestRevision", latest, "generation", String.valueOf(isvc.generation()), "resourceVersion", isvc.resourceVersion());
        return new InfraChange("set canary traffic " + percent + "% → 0%: all traffic back to previous revision " + previous,
                "canary: " + percent + "% to latest revision " + latest + " (model " + isvc.storageUri().orElse("unknown") + "), "
                        + (100 - percent) + "% to previous revision " + previous,
                "100% to previous revision " + previous + ", latest revision " + latest + " kept but idle", "", params, notes);
    }

    @Override
    public String apply(Map<String, String> params, ChangeContext context) {
        int before = Integer.parseInt(params.get("canaryTrafficPercent"));
        InferenceServiceView isvc = api.read();
        int now = isvc.canaryPercent().orElse(100);
        if (now == 0) {
            return "spec.predictor.canaryTrafficPercent of " + api.label() + " is already 0; nothing to do";
        }
        if (now != before || !params.get("generation").equals(String.valueOf(isvc.generation()))) {
            throw new ServingException(Kind.CONFLICT, api.label() + " changed since the plan (canaryTrafficPercent " + before + " → " + now
                    + ", generation " + params.get("generation") + " → " + isvc.generation() + "); nothing was changed");
        }
        setPercent(isvc, 0, context);
        return "set spec.predictor.canaryTrafficPercent of " + api.label() + " from " + before + " to 0: all traffic back to previous revision "
                + params.get("previousRevision");
    }

    @Override
    public String revert(Map<String, String> params, ChangeContext context) {
        int before = Integer.parseInt(params.get("canaryTrafficPercent"));
        InferenceServiceView isvc = api.read();
        int now = isvc.canaryPercent().orElse(100);
        if (now == before) {
            return "spec.predictor.canaryTrafficPercent of " + api.label() + " is already " + before + "; nothing to do";
        }
        if (now != 0) {
            throw new ServingException(Kind.CONFLICT, api.label() + " changed since the rollback: canaryTrafficPercent is " + now
                    + ", neither 0 nor " + before + "; nothing was changed");
        }
        setPercent(isvc, before, context);
        return "set spec.predictor.canaryTrafficPercent of " + api.label() + " back to " + before + ": " + before + "% to latest revision "
                + params.get("latestRevision") + " again";
    }

    @Override
    public RolloutOutcome awaitRollout(Duration timeout, Consumer<RolloutProgress> progress) {
        return new KServeAwait(api).await(timeout, progress, "");
    }

    private void setPercent(InferenceServiceView isvc, int percent, ChangeContext context) {
        JsonPatch patch = new JsonPatch().requireResourceVersion(isvc.resourceVersion())
                .op("replace", "/spec/predictor/canaryTrafficPercent", percent)
                .putInMap("/metadata/annotations", isvc.annotations().isEmpty() ? null : isvc.annotations(),
                        InferenceServiceApi.CHANGE_CAUSE, context.changeCause());
        api.patch(patch, isvc.resourceVersion());
    }
}
